import type { DataSource } from 'typeorm';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createCache, createChangeFeed, USER_CHANGES, type RedisConnection } from '@herald/redis';
import type { UsersConfig } from './config';
import { signAccessToken, verifyAccessToken } from './domain/access-token';
import { hashPassword, verifyPassword } from './domain/password';
import { createEmailMetrics } from './metrics/email-metrics';
import { createApiKeyRepository } from './store/api-key.repository';
import { createCachedProfiles, type CachedProfile } from './store/cached-profiles';
import { createDeviceRepository } from './store/device.repository';
import { createEmailSuppressionRepository } from './store/email-suppression.repository';
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

export type UseCases = Awaited<ReturnType<typeof composeUseCases>>;

/** Every use case of the service, bound to its stores and the Redis caches in front of them. */
export async function composeUseCases(
  config: Pick<
    UsersConfig,
    | 'JWT_SECRET'
    | 'JWT_TTL_SECONDS'
    | 'USER_CACHE_SECONDS'
    | 'CREDENTIAL_CACHE_SECONDS'
    | 'SUPPRESSION_SOFT_BOUNCE_LIMIT'
    | 'SUPPRESSION_SOFT_BOUNCE_WINDOW_SECONDS'
  >,
  {
    db,
    redis,
    registry,
    log,
  }: { db: DataSource; redis: RedisConnection; registry: MetricsRegistry; log: Logger },
) {
  const now = () => new Date();
  const users = createUserRepository(db);
  const devices = createDeviceRepository(db);
  const apiKeys = createApiKeyRepository(db);
  const suppressions = createEmailSuppressionRepository(db, {
    limit: config.SUPPRESSION_SOFT_BOUNCE_LIMIT,
    windowMs: config.SUPPRESSION_SOFT_BOUNCE_WINDOW_SECONDS * 1000,
  });
  const emailMetrics = createEmailMetrics(registry);
  const profiles = createCachedProfiles(
    users,
    createCache<CachedProfile>(
      redis,
      { namespace: 'user', ttlSeconds: config.USER_CACHE_SECONDS },
      registry,
      log,
    ),
    // notifications and the workers keep users in memory: they drop a user announced here.
    createChangeFeed(redis, USER_CHANGES, log),
    log,
  );
  const credentialCache = createCache<VerifiedIdentity>(
    redis,
    { namespace: 'credential', ttlSeconds: config.CREDENTIAL_CACHE_SECONDS },
    registry,
    log,
  );
  const tokenKey = { secret: config.JWT_SECRET, ttlSeconds: config.JWT_TTL_SECONDS };
  // A hash of no one's password, so a login for an unknown email costs the same as a wrong password.
  const dummyHash = await hashPassword(`no-such-user-${Date.now()}`);
  const getUser = makeGetUser({ users: profiles });

  return {
    createUser: makeCreateUser({ users, hashPassword }),
    getUser,
    getUsers: makeGetUsers({ users: profiles }),
    listUsers: makeListUsers({ users }),
    updatePreferences: makeUpdatePreferences({ users, profiles }),
    updateProfile: makeUpdateProfile({ users, profiles }),
    registerDevice: makeRegisterDevice({ users: profiles, devices, profiles, now }),
    findDevice: makeFindDevice({ devices }),
    removeDevice: makeRemoveDevice({ devices, profiles }),
    invalidatePushToken: makeInvalidatePushToken({ devices, profiles, now }),
    verifyCredential: makeVerifyCredential({
      verifyToken: (token) => verifyAccessToken(token, config.JWT_SECRET, now()),
      apiKeys,
      profiles,
      cache: credentialCache,
      now,
    }),
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
    listEmailSuppressions: makeListEmailSuppressions({ suppressions }),
    liftEmailSuppression: makeLiftEmailSuppression({ suppressions, profiles, now }),
    findUser: async (id: string) => (await profiles.findProfiles([id]))[0] ?? null,
    recordEmailFeedback: makeRecordEmailFeedback({
      suppressions,
      profiles,
      onSuppressed: (reason, category) => emailMetrics.suppressions.inc({ reason, category: category ?? '' }),
      now,
    }),
    unsubscribeEmail: makeUnsubscribeEmail({
      users,
      profiles,
      onUnsubscribed: (category) => emailMetrics.unsubscribes.inc({ category: category ?? '' }),
    }),
  };
}
