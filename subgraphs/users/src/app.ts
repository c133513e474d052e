import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { redisSettingsOf } from '@herald/config';
import { openDataSource } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  type MetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import { Counter } from 'prom-client';
import {
  connectRedis,
  createCache,
  createChangeFeed,
  USER_CHANGES,
  type RedisConnection,
} from '@herald/redis';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { UsersConfig } from './config';
import { signAccessToken, verifyAccessToken } from './domain/access-token';
import { hashPassword, verifyPassword } from './domain/password';
import { createCredentialResolvers } from './graphql/credential.resolvers';
import { createEmailSuppressionResolvers } from './graphql/email-suppression.resolvers';
import { createUserResolvers } from './graphql/user.resolvers';
import { createUserGrpcHandlers } from './grpc/user.grpc';
import { ApiKeyEntity } from './store/api-key.entity';
import { createApiKeyRepository } from './store/api-key.repository';
import { createCachedProfiles, type CachedProfile } from './store/cached-profiles';
import { DeviceEntity } from './store/device.entity';
import { EmailSuppressionEntity } from './store/email-suppression.entity';
import { createEmailSuppressionRepository } from './store/email-suppression.repository';
import { createDeviceRepository } from './store/device.repository';
import { CreateUsers1732500000000 } from './store/migrations/1732500000000-create-users';
import { AddApiKeysAndDeviceState1732600000000 } from './store/migrations/1732600000000-add-api-keys-and-device-state';
import { AddEmailSuppressions1733300000000 } from './store/migrations/1733300000000-add-email-suppressions';
import { PreferencesEntity } from './store/preferences.entity';
import { UserEntity } from './store/user.entity';
import { createUserRepository } from './store/user.repository';
import { makeCreateApiKey } from './use-cases/create-api-key.use-case';
import { makeCreateUser } from './use-cases/create-user.use-case';
import { makeLiftEmailSuppression, makeListEmailSuppressions } from './use-cases/email-suppressions.use-case';
import { makeGetUser } from './use-cases/get-user.use-case';
import { makeGetUsers } from './use-cases/get-users.use-case';
import { makeInvalidatePushToken } from './use-cases/invalidate-push-token.use-case';
import { makeListApiKeys } from './use-cases/list-api-keys.use-case';
import { makeListUsers } from './use-cases/list-users.use-case';
import { makeLogin } from './use-cases/login.use-case';
import { makeRecordEmailFeedback } from './use-cases/record-email-feedback.use-case';
import { makeRegisterDevice } from './use-cases/register-device.use-case';
import { makeFindDevice, makeRemoveDevice } from './use-cases/remove-device.use-case';
import { makeRevokeApiKey } from './use-cases/revoke-api-key.use-case';
import { makeUnsubscribeEmail } from './use-cases/unsubscribe-email.use-case';
import { makeUpdatePreferences } from './use-cases/update-preferences.use-case';
import { makeUpdateProfile } from './use-cases/update-profile.use-case';
import { makeVerifyCredential, type VerifiedIdentity } from './use-cases/verify-credential.use-case';

const SERVICE = 'users';

export async function createApp(config: UsersConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  const db = cleanup.push('database', await openDatabase(config.DATABASE_URL), (dataSource) =>
    dataSource.destroy(),
  );

  try {
    // Fail-open: Redis only caches, so the service starts and serves without it.
    const redis = cleanup.push('redis', connectRedis(redisSettingsOf(config), log), (connection) =>
      connection.close(),
    );
    // A hash of no one's password, so a login for an unknown email costs the same as a wrong password.
    const dummyHash = await hashPassword(`no-such-user-${Date.now()}`);
    return wire(config, log, { db, redis, dummyHash }, cleanup);
  } catch (error) {
    // Nothing else will release the connections if wiring fails after they opened.
    await cleanup.dispose();
    throw error;
  }
}

interface Resources {
  readonly db: DataSource;
  readonly redis: RedisConnection;
  readonly dummyHash: string;
}

function wire(
  config: UsersConfig,
  log: Logger,
  { db, redis, dummyHash }: Resources,
  cleanup: CleanupStack,
): ServiceApp {
  const now = () => new Date();
  const metrics = createMetricsRegistry(SERVICE);
  const users = createUserRepository(db);
  const devices = createDeviceRepository(db);
  const apiKeys = createApiKeyRepository(db);
  const suppressions = createEmailSuppressionRepository(db, {
    limit: config.SUPPRESSION_SOFT_BOUNCE_LIMIT,
    windowMs: config.SUPPRESSION_SOFT_BOUNCE_WINDOW_SECONDS * 1000,
  });
  const emailMetrics = createEmailMetrics(metrics);
  const profiles = createCachedProfiles(
    users,
    createCache<CachedProfile>(
      redis,
      { namespace: 'user', ttlSeconds: config.USER_CACHE_SECONDS },
      metrics,
      log,
    ),
    // notifications and the workers keep users in memory: they drop a user announced here.
    createChangeFeed(redis, USER_CHANGES, log),
    log,
  );
  const credentialCache = createCache<VerifiedIdentity>(
    redis,
    { namespace: 'credential', ttlSeconds: config.CREDENTIAL_CACHE_SECONDS },
    metrics,
    log,
  );
  const tokenKey = { secret: config.JWT_SECRET, ttlSeconds: config.JWT_TTL_SECONDS };

  const getUser = makeGetUser({ users: profiles });
  const getUsers = makeGetUsers({ users: profiles });
  const invalidatePushToken = makeInvalidatePushToken({ devices, profiles, now });
  const verifyCredential = makeVerifyCredential({
    verifyToken: (token) => verifyAccessToken(token, config.JWT_SECRET, now()),
    apiKeys,
    profiles,
    cache: credentialCache,
    now,
  });

  const health = createHealthHandler(
    SERVICE,
    [
      {
        name: 'database',
        check: async () => {
          await db.query('SELECT 1');
        },
      },
    ],
    metrics,
  );
  const userResolvers = createUserResolvers({
    createUser: makeCreateUser({ users, hashPassword }),
    getUser,
    listUsers: makeListUsers({ users }),
    updatePreferences: makeUpdatePreferences({ users, profiles }),
    updateProfile: makeUpdateProfile({ users, profiles }),
    registerDevice: makeRegisterDevice({ users: profiles, devices, profiles, now }),
    findDevice: makeFindDevice({ devices }),
    removeDevice: makeRemoveDevice({ devices, profiles }),
    allowInsecurePushEndpoints: config.ALLOW_INSECURE_PUSH_ENDPOINTS,
    resolveHost,
  });
  const credentialResolvers = createCredentialResolvers({
    login: makeLogin({
      users,
      verifyPassword,
      dummyHash,
      issueToken: (userId) => signAccessToken(userId, tokenKey, now()),
    }),
    createApiKey: makeCreateApiKey({ apiKeys }),
    revokeApiKey: makeRevokeApiKey({
      apiKeys,
      forgetCredential: (secretHash) =>
        credentialCache.delete(secretHash).catch((error: unknown) => {
          log.warn({ err: error }, 'credential cache invalidation failed; the entry expires on its own');
        }),
      now,
    }),
    listApiKeys: makeListApiKeys({ apiKeys }),
  });
  const suppressionResolvers = createEmailSuppressionResolvers({
    listEmailSuppressions: makeListEmailSuppressions({ suppressions }),
    liftEmailSuppression: makeLiftEmailSuppression({ suppressions, profiles, now }),
    findUser: async (id) => (await profiles.findProfiles([id]))[0] ?? null,
  });
  const graphql = createSubgraphServer({
    // schema.graphql sits at the package root, one level above src/ and dist/.
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: {
      ...userResolvers,
      EmailSuppression: suppressionResolvers.EmailSuppression,
      Query: { ...userResolvers.Query, ...credentialResolvers.Query, ...suppressionResolvers.Query },
      Mutation: {
        ...userResolvers.Mutation,
        ...credentialResolvers.Mutation,
        ...suppressionResolvers.Mutation,
      },
    },
    internalToken: config.INTERNAL_TOKEN,
    health,
    metrics,
    log,
  });
  const grpc = createGrpcServer({
    internalToken: config.INTERNAL_TOKEN,
    log,
    metrics,
  });
  grpc.addService(
    loadHeraldProto().herald.v1.UserService.service,
    createUserGrpcHandlers({
      getUser,
      getUsers,
      invalidatePushToken,
      verifyCredential,
      recordEmailFeedback: makeRecordEmailFeedback({
        suppressions,
        profiles,
        onSuppressed: (reason, category) =>
          emailMetrics.suppressions.inc({ reason, category: category ?? '' }),
        now,
      }),
      unsubscribeEmail: makeUnsubscribeEmail({
        users,
        profiles,
        onUnsubscribed: (category) => emailMetrics.unsubscribes.inc({ category: category ?? '' }),
      }),
    }),
  );

  return {
    async start() {
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http, grpc: grpcPort }, 'users subgraph listening');
      return { http, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}

/** Deliverability counters; the category label is the notification's ('' when it had none). */
function createEmailMetrics(metrics: MetricsRegistry) {
  return {
    suppressions: new Counter({
      name: 'herald_email_suppressions_total',
      help: 'Email addresses put on the suppression list, by reason and the category of the mail that caused it',
      labelNames: ['reason', 'category'] as const,
      registers: [metrics],
    }),
    unsubscribes: new Counter({
      name: 'herald_email_unsubscribes_total',
      help: 'One-click unsubscribes that opted a user out, by category ("" is all email)',
      labelNames: ['category'] as const,
      registers: [metrics],
    }),
  };
}

/** Every address of a host name; none when it does not resolve within two seconds. */
async function resolveHost(hostname: string): Promise<string[]> {
  const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), 2000).unref());
  const resolved = lookup(hostname, { all: true, verbatim: true }).then(
    (addresses) => addresses.map((entry) => entry.address),
    () => [],
  );
  return Promise.race([resolved, timeout]);
}

async function openDatabase(url: string): Promise<DataSource> {
  return openDataSource({
    url,
    entities: [UserEntity, PreferencesEntity, DeviceEntity, ApiKeyEntity, EmailSuppressionEntity],
    migrations: [
      CreateUsers1732500000000,
      AddApiKeysAndDeviceState1732600000000,
      AddEmailSuppressions1733300000000,
    ],
  });
}
