import type { CleanupStack, ReadinessProbe } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createGrpcClient, createGrpcHealthProbe, loadHeraldProto } from '@herald/proto';
import { createLocalCache } from '@herald/cache';
import { createChangeFeed, TEMPLATE_CHANGES, USER_CHANGES, type RedisConnection } from '@herald/redis';
import { cacheTemplateCatalog, cacheUserDirectory } from './clients/cached-lookups';
import { createEmailFeedbackRecorder } from './clients/email-feedback.client';
import { createTemplateCatalog } from './clients/template-catalog.client';
import { createUserDirectory } from './clients/user-directory.client';
import type { NotificationsConfig } from './config';
import type { EmailFeedback } from './domain/email-feedback';
import type { Recipient, TemplateCatalog, TemplateSummary, UserDirectory } from './use-cases/ports';

/** Users and template codes held in memory; a sender's recipients and templates, recently seen. */
const LOOKUP_CACHE_GROUPS = 10_000;

/** The users and templates services, as the use cases call them. */
export interface Peers {
  readonly users: UserDirectory;
  readonly templates: TemplateCatalog;
  readonly recordFeedback: (feedback: readonly EmailFeedback[]) => Promise<void>;
  /** Their gRPC health, on /ready. */
  readonly probes: readonly ReadinessProbe[];
  /** Subscribes to their change announcements, waiting at most `waitMs` (fail open). */
  listenForChanges(waitMs: number): Promise<void>;
}

/**
 * The gRPC clients of users and templates, their answers cached in memory and dropped when
 * either announces a change over Redis.
 */
export function composePeers(
  config: Pick<
    NotificationsConfig,
    'INTERNAL_TOKEN' | 'GRPC_DEADLINE_MS' | 'USERS_GRPC' | 'TEMPLATES_GRPC' | 'LOOKUP_CACHE_MS'
  >,
  { redis, registry, log }: { redis: RedisConnection; registry: MetricsRegistry; log: Logger },
  cleanup: CleanupStack,
): Peers {
  const proto = loadHeraldProto().herald.v1;
  const clientOptions = {
    internalToken: config.INTERNAL_TOKEN,
    deadlineMs: config.GRPC_DEADLINE_MS,
    metrics: registry,
  };
  const usersClient = cleanup.push(
    'users gRPC client',
    createGrpcClient(proto.UserService, config.USERS_GRPC, clientOptions),
    (client) => client.close(),
  );
  const templatesClient = cleanup.push(
    'templates gRPC client',
    createGrpcClient(proto.TemplateService, config.TEMPLATES_GRPC, clientOptions),
    (client) => client.close(),
  );
  const probes = [
    createGrpcHealthProbe('users_grpc', config.USERS_GRPC, proto.UserService),
    createGrpcHealthProbe('templates_grpc', config.TEMPLATES_GRPC, proto.TemplateService),
  ];
  cleanup.defer('gRPC health probes', () => probes.forEach((probe) => probe.close()));

  const userChanges = createChangeFeed(redis, USER_CHANGES, log);
  const templateChanges = createChangeFeed(redis, TEMPLATE_CHANGES, log);
  const lookupCache = { capacity: LOOKUP_CACHE_GROUPS, ttlMs: config.LOOKUP_CACHE_MS };
  const recipients = createLocalCache<Recipient>(lookupCache);
  const templateSummaries = createLocalCache<TemplateSummary>(lookupCache);
  userChanges.onChange((id) => recipients.invalidate(id));
  templateChanges.onChange((code) => templateSummaries.invalidate(code));

  return {
    users: cacheUserDirectory(createUserDirectory(usersClient), recipients),
    templates: cacheTemplateCatalog(createTemplateCatalog(templatesClient), templateSummaries),
    recordFeedback: createEmailFeedbackRecorder(usersClient),
    probes,
    listenForChanges: async (waitMs) => {
      await Promise.all([userChanges.listen(waitMs), templateChanges.listen(waitMs)]);
    },
  };
}
