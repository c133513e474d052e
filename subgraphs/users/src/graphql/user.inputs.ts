import { z } from 'zod';
import { SCOPES } from '@herald/identity';
import { DEVICE_KINDS, type NewDevice } from '../domain/device';
import { canonicalLocale } from '../domain/locale';
import { pushEndpointProblem } from '../domain/push-endpoint';
import { canonicalTimeZone, isClockTime } from '../domain/quiet-hours';
import type { ProfileChanges } from '../domain/user';
import type { CreateUserCommand } from '../use-cases/create-user.use-case';

/** GraphQL lets a client send null for an optional field; here null means "not given". */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

const clockTime = z.string().refine(isClockTime, 'must be a 24-hour time HH:MM');

const quietHoursInput = z.object({
  start: clockTime,
  end: clockTime,
  timezone: z
    .string()
    .trim()
    .refine(
      (value) => canonicalTimeZone(value) !== undefined,
      'must be an IANA timezone such as Europe/Lisbon',
    )
    .transform((value) => canonicalTimeZone(value) ?? value),
});

export const preferencesInput = z.object({
  email: optional(z.boolean()),
  push: optional(z.boolean()),
  optedOutCategories: optional(z.array(z.string().trim().min(1, 'must not be empty').max(64)).max(100)),
  // null removes the window; leaving it out keeps the current one.
  quietHours: quietHoursInput.nullish(),
});

const locale = z
  .string()
  .trim()
  .refine((value) => canonicalLocale(value) !== undefined, 'must be a locale such as en or pt-BR')
  .transform((value) => canonicalLocale(value) ?? value);

/** FCM registration tokens are opaque, but printable and without spaces. */
const fcmToken = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .regex(/^[A-Za-z0-9_:.-]+$/, 'must be an FCM registration token');

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'));

export const createUserInput = z.object({
  name,
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'must be at most 1024 characters'),
  locale: locale.nullish().transform((value) => value ?? 'en'),
  pushToken: optional(fcmToken),
  preferences: optional(preferencesInput),
  role: z
    .enum(['USER', 'ADMIN'], 'must be USER or ADMIN')
    .nullish()
    .transform((value) => (value === 'ADMIN' ? 'admin' : 'user')),
}) satisfies z.ZodType<CreateUserCommand>;

export const usersArgs = z.object({
  page: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .nullish()
    .transform((value) => value ?? 1),
  limit: z
    .number()
    .int()
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .nullish()
    .transform((value) => value ?? 10),
});

export const idArgs = z.object({ id: z.string().min(1, 'is required').max(100) });

export const loginArgs = z.object({
  email: z.string().min(1, 'is required').max(254, 'must be at most 254 characters'),
  password: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters'),
});

const SCOPE_VALUES = Object.values(SCOPES);

export const createApiKeyArgs = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  scopes: z
    .array(z.enum(SCOPE_VALUES, `must be one of ${SCOPE_VALUES.join(', ')}`))
    .min(1, 'must name at least one scope')
    .max(SCOPE_VALUES.length),
});

/** Whose data: the caller when left out; an admin or users:admin may name another user. */
const targetUser = optional(z.string().min(1, 'must not be empty').max(100));

export const updatePreferencesArgs = z.object({ userId: targetUser, input: preferencesInput });

export const updateProfileArgs = z.object({
  userId: targetUser,
  input: z.object({ name: optional(name), email: optional(email), locale: optional(locale) }),
}) satisfies z.ZodType<{ userId?: string; input: ProfileChanges }>;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** base64url (as PushSubscription.getKey() gives it) of exactly `bytes` bytes. */
function base64urlKey(bytes: number, check: (key: Buffer) => boolean = () => true) {
  return z
    .string()
    .trim()
    .refine(
      (value) =>
        BASE64URL.test(value) &&
        Buffer.from(value, 'base64url').length === bytes &&
        check(Buffer.from(value, 'base64url')),
      `must be ${bytes} bytes in base64url`,
    );
}

const deviceFields = z.object({
  kind: z.enum(DEVICE_KINDS, 'must be FCM or WEB_PUSH'),
  token: optional(fcmToken),
  endpoint: optional(z.string().trim().max(2048, 'must be at most 2048 characters')),
  // An uncompressed P-256 public key: 0x04, then X and Y.
  p256dh: optional(base64urlKey(65, (key) => key[0] === 4)),
  auth: optional(base64urlKey(16)),
});

/** A device input: an FCM token, or a Web Push subscription whose endpoint is public and https. */
export function deviceInput(allowInsecureEndpoints: boolean) {
  return deviceFields
    .superRefine((input, context) => {
      const issue = (field: string, message: string) =>
        context.addIssue({ code: 'custom', path: [field], message });
      if (input.kind === 'FCM') {
        if (input.token === undefined) issue('token', 'is required for an FCM device');
        for (const field of ['endpoint', 'p256dh', 'auth'] as const) {
          if (input[field] !== undefined) issue(field, 'must be left out for an FCM device');
        }
        return;
      }
      if (input.token !== undefined) issue('token', 'must be left out for a Web Push device');
      for (const field of ['endpoint', 'p256dh', 'auth'] as const) {
        if (input[field] === undefined) issue(field, 'is required for a Web Push device');
      }
      const problem =
        input.endpoint === undefined
          ? undefined
          : pushEndpointProblem(input.endpoint, allowInsecureEndpoints);
      if (problem) issue('endpoint', problem);
    })
    .transform((input): NewDevice =>
      input.kind === 'FCM'
        ? { kind: 'FCM', token: input.token ?? '' }
        : {
            kind: 'WEB_PUSH',
            endpoint: input.endpoint ?? '',
            p256dh: input.p256dh ?? '',
            auth: input.auth ?? '',
          },
    );
}

export function registerDeviceArgs(allowInsecureEndpoints: boolean) {
  return z.object({ userId: targetUser, input: deviceInput(allowInsecureEndpoints) });
}
