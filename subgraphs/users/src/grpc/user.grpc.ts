import { z } from 'zod';
import type { GrpcUser, UnaryImplementation, UserServiceDefinition } from '@herald/proto';
import { parseInput } from '@herald/subgraph';
import { EMAIL_FEEDBACK_KINDS } from '../domain/email-suppression';
import type { UserProfile } from '../domain/user';
import type { GetUser } from '../use-cases/get-user.use-case';
import type { GetUsers } from '../use-cases/get-users.use-case';
import type { InvalidatePushToken } from '../use-cases/invalidate-push-token.use-case';
import type { RecordEmailFeedback } from '../use-cases/record-email-feedback.use-case';
import type { UnsubscribeEmail } from '../use-cases/unsubscribe-email.use-case';
import type { VerifyCredential } from '../use-cases/verify-credential.use-case';

export interface UserGrpcDeps {
  readonly getUser: GetUser;
  readonly getUsers: GetUsers;
  readonly invalidatePushToken: InvalidatePushToken;
  readonly verifyCredential: VerifyCredential;
  readonly recordEmailFeedback: RecordEmailFeedback;
  readonly unsubscribeEmail: UnsubscribeEmail;
}

const getUserRequest = z.object({ id: z.string().min(1, 'is required') });
const getUsersRequest = z.object({ ids: z.array(z.string()).max(500, 'must list at most 500 ids') });
const invalidatePushTokenRequest = z.object({
  user_id: z.string().min(1, 'is required'),
  token: z.string().min(1, 'is required'),
  reason: z.string().max(500, 'must be at most 500 characters'),
});
const verifyCredentialRequest = z.object({
  credential: z.string().min(1, 'is required').max(4096, 'must be at most 4096 characters'),
});

/** proto3 sends an absent string as ''; here that is null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => value || null);

const category = optionalText(100);

const recordEmailFeedbackRequest = z.object({
  user_id: z.string().min(1, 'is required'),
  kind: z.enum(EMAIL_FEEDBACK_KINDS, `must be one of ${EMAIL_FEEDBACK_KINDS.join(', ')}`),
  notification_id: z.uuid('must be a notification id (a UUID)'),
  status_code: optionalText(32),
  diagnostic: optionalText(2000),
  category,
});
const unsubscribeEmailRequest = z.object({ user_id: z.string().min(1, 'is required'), category });

export function createUserGrpcHandlers({
  getUser,
  getUsers,
  invalidatePushToken,
  verifyCredential,
  recordEmailFeedback,
  unsubscribeEmail,
}: UserGrpcDeps): UnaryImplementation<UserServiceDefinition> {
  return {
    GetUser: async (request) => toGrpcUser(await getUser(parseInput(getUserRequest, request).id)),
    GetUsers: async (request) => ({
      users: (await getUsers(parseInput(getUsersRequest, request).ids)).map(toGrpcUser),
    }),
    InvalidatePushToken: async (request, { log }) => {
      const { user_id: userId, token, reason } = parseInput(invalidatePushTokenRequest, request);
      const invalidated = await invalidatePushToken({ userId, token, reason: reason || 'unspecified' });
      log.info({ user_id: userId, invalidated, reason }, 'push token reported invalid');
      return { invalidated };
    },
    VerifyCredential: async (request) => {
      const identity = await verifyCredential(parseInput(verifyCredentialRequest, request).credential);
      return { ...identity, scopes: [...identity.scopes] };
    },
    RecordEmailFeedback: async (request, { log }) => {
      const input = parseInput(recordEmailFeedbackRequest, request);
      const outcome = await recordEmailFeedback({
        userId: input.user_id,
        kind: input.kind,
        notificationId: input.notification_id,
        statusCode: input.status_code,
        diagnostic: input.diagnostic,
        category: input.category,
      });
      log.info(
        {
          user_id: input.user_id,
          notification_id: input.notification_id,
          kind: input.kind,
          counted: outcome.counted,
          suppressed: outcome.suppressed,
          new_suppression: outcome.newSuppression,
        },
        'email feedback recorded',
      );
      return { suppressed: outcome.suppressed };
    },
    UnsubscribeEmail: async (request, { log }) => {
      const { user_id: userId, category: unsubscribed } = parseInput(unsubscribeEmailRequest, request);
      const changed = await unsubscribeEmail(userId, unsubscribed);
      log.info({ user_id: userId, category: unsubscribed, changed }, 'email unsubscribe');
      return { changed };
    },
  };
}

/**
 * Senders get valid devices only. proto3 has no null: absent strings travel as '' (quiet hours
 * included, when the user has none).
 */
function toGrpcUser(profile: UserProfile): GrpcUser {
  const { preferences } = profile;
  return {
    id: profile.id,
    email: profile.email,
    name: profile.name,
    locale: profile.locale,
    preferences: {
      email: preferences.email,
      push: preferences.push,
      opted_out_categories: [...preferences.optedOutCategories],
      quiet_hours: preferences.quietHours ?? { start: '', end: '', timezone: '' },
    },
    devices: profile.devices
      .filter((device) => device.valid)
      .map((device) => ({
        id: device.id,
        kind: device.kind,
        token: device.token ?? '',
        endpoint: device.endpoint ?? '',
        p256dh: device.p256dh ?? '',
        auth: device.auth ?? '',
        valid: device.valid,
      })),
    email_suppressed: profile.emailSuppressed,
  };
}
