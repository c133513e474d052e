import { z } from 'zod';
import { canonicalLocale } from '../domain/locale';
import { canonicalTimeZone, isClockTime } from '../domain/quiet-hours';
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

export const createUserInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  email: z
    .string()
    .trim()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email('must be a valid email address')),
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'must be at most 1024 characters'),
  locale: locale.nullish().transform((value) => value ?? 'en'),
  pushToken: optional(z.string().trim().min(1, 'must not be empty').max(4096)),
  preferences: optional(preferencesInput),
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
