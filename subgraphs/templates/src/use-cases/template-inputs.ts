import { z } from 'zod';
import { canonicalizeLocale } from '../domain/locale';
import { CHANNELS } from '../domain/template';

/** What the entry points accept, validated at the edge with parseInput. */

export const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export const codeSchema = z
  .string()
  .regex(CODE_PATTERN, 'must be 2 to 64 characters: lowercase letters and digits, then also _ . or -');

export const localeSchema = z.string().transform((value, ctx) => {
  const canonical = canonicalizeLocale(value);
  if (canonical === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as en or pt-BR' });
    return z.NEVER;
  }
  return canonical;
});

export const channelSchema = z.enum(CHANNELS);

const httpsUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2048);

/** GraphQL sends null for an optional field set to null; both mean "not given". */
export const allowAbsent = <Schema extends z.ZodType>(schema: Schema) =>
  schema.nullish().transform((value) => value ?? undefined);

export const createTemplateInputSchema = z
  .object({
    code: codeSchema,
    channel: channelSchema,
    locale: allowAbsent(localeSchema).transform((value) => value ?? 'en'),
    subject: allowAbsent(z.string().trim().min(1).max(500)),
    title: allowAbsent(z.string().trim().min(1).max(200)),
    body: z.string().min(1).max(50_000),
    bodyHtml: allowAbsent(z.string().min(1).max(200_000)),
    imageUrl: allowAbsent(httpsUrlSchema),
    link: allowAbsent(httpsUrlSchema),
    publish: allowAbsent(z.boolean()).transform((value) => value ?? true),
  })
  .superRefine((input, ctx) => {
    const refuse = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (input.channel === 'EMAIL') {
      if (input.subject === undefined) refuse('subject', 'is required for an EMAIL template');
      if (input.title !== undefined) {
        refuse('title', 'belongs to PUSH templates; an EMAIL template has a subject');
      }
    } else {
      if (input.title === undefined) refuse('title', 'is required for a PUSH template');
      if (input.subject !== undefined) {
        refuse('subject', 'belongs to EMAIL templates; a PUSH template has a title');
      }
      if (input.bodyHtml !== undefined) refuse('bodyHtml', 'belongs to EMAIL templates');
    }
  });

export type CreateTemplateInput = z.output<typeof createTemplateInputSchema>;

export const pageSchema = z.object({
  page: allowAbsent(z.number().int().min(1)).transform((value) => value ?? 1),
  limit: allowAbsent(z.number().int().min(1).max(100)).transform((value) => value ?? 10),
});

/** A JSON object of variables; anything else is refused rather than guessed at. */
export const variablesSchema = z.record(z.string(), z.unknown());
