import { join } from 'node:path';
import { redisSettingsOf } from '@herald/config';
import { openDataSource } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import { connectRedis, createChangeFeed, TEMPLATE_CHANGES } from '@herald/redis';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import { composeRendering } from './compose-rendering';
import type { TemplatesConfig } from './config';
import { createTemplateGrpcHandlers } from './grpc/template.grpc';
import { createTemplateResolvers } from './graphql/template.resolvers';
import { CreateTemplates1720000000000 } from './store/migrations/1720000000000-create-templates';
import { OnePublishedVersionPerLocale1720000000001 } from './store/migrations/1720000000001-one-published-version-per-locale';
import { TemplateEntity } from './store/template.entity';
import { createTemplateRepository } from './store/template.repository';
import { TemplateVersionEntity } from './store/template-version.entity';
import { makeAddTemplateVersion } from './use-cases/add-template-version.use-case';
import { makeCreateTemplate } from './use-cases/create-template.use-case';
import { makeFindActiveVersion } from './use-cases/find-active-version.use-case';
import { makeFindTemplate } from './use-cases/find-template.use-case';
import { makeListTemplateVersions } from './use-cases/list-template-versions.use-case';
import { makeListTemplates } from './use-cases/list-templates.use-case';
import { makePreviewTemplate } from './use-cases/preview-template.use-case';
import { makePublishTemplateVersion } from './use-cases/publish-template-version.use-case';

const SERVICE = 'templates';
/** How long start-up waits for the change subscription before serving without it (fail open). */
const SUBSCRIBE_WAIT_MS = 2000;

export async function createApp(config: TemplatesConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  const db = cleanup.push(
    'database',
    await openDataSource({
      url: config.DATABASE_URL,
      urlVariable: 'DATABASE_URL',
      entities: [TemplateEntity, TemplateVersionEntity],
      migrations: [CreateTemplates1720000000000, OnePublishedVersionPerLocale1720000000001],
    }),
    (source) => source.destroy(),
  );

  const redis = cleanup.push('redis', connectRedis(redisSettingsOf(config), log), (connection) =>
    connection.close(),
  );

  const templates = createTemplateRepository(db);
  const { engine, resolutions, getTemplate, renderTemplate } = composeRendering({
    templates,
    cacheSize: config.TEMPLATE_CACHE_SIZE,
    resolutionTtlMs: config.ACTIVE_VERSION_CACHE_SECONDS * 1000,
  });
  // Also read by notifications, which caches GetTemplate answers per code.
  const changes = createChangeFeed(redis, TEMPLATE_CHANGES, log);
  changes.onChange((code) => resolutions.invalidate(code));
  const announceChange = (code: string) => changes.announce(code);

  const registry = createMetricsRegistry(SERVICE);
  const health = createHealthHandler(
    SERVICE,
    [{ name: 'database', check: () => db.query('SELECT 1').then(() => undefined) }],
    registry,
  );
  const graphql = createSubgraphServer({
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createTemplateResolvers({
      createTemplate: makeCreateTemplate({ templates, engine }),
      addTemplateVersion: makeAddTemplateVersion({ templates, engine, announceChange }),
      publishTemplateVersion: makePublishTemplateVersion({ templates, announceChange }),
      findTemplate: makeFindTemplate({ templates }),
      listTemplates: makeListTemplates({ templates }),
      listTemplateVersions: makeListTemplateVersions({ templates }),
      findActiveVersion: makeFindActiveVersion({ templates }),
      renderTemplate,
      previewTemplate: makePreviewTemplate({ engine }),
    }),
    internalToken: config.INTERNAL_TOKEN,
    health,
    metrics: registry,
    log,
  });
  const grpc = createGrpcServer({
    internalToken: config.INTERNAL_TOKEN,
    log,
    metrics: registry,
  });
  grpc.addService(
    loadHeraldProto().herald.v1.TemplateService.service,
    createTemplateGrpcHandlers({ getTemplate, renderTemplate }),
  );

  return {
    async start() {
      await changes.listen(SUBSCRIBE_WAIT_MS);
      // Pushed before listening so a half-started app still closes what it opened.
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http_port: http, grpc_port: grpcPort }, 'templates service listening');
      return { http, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}
