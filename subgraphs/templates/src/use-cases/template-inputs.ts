import { z } from 'zod';
import { publicHttpsUrlProblem } from '@herald/config';
import type { FieldIssue } from '@herald/errors';
import { canonicalizeLocale } from '@herald/rendering';
import { CHANNELS, type Channel } from '../domain/template';

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

/** A push provider or the device fetches the image, so it must live on a public host (no SSRF). */
const imageUrlSchema = httpsUrlSchema.pipe(
  z.string().superRefine((url, context) => {
    const problem = publicHttpsUrlProblem(url);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
);

/** GraphQL sends null for an optional field set to null; both mean "not given". */
export const allowAbsent = <Schema extends z.ZodType>(schema: Schema) =>
  schema.nullish().transform((value) => value ?? undefined);

/** The content fields a new template, a new version and a draft preview carry. */
const contentShape = {
  subject: allowAbsent(z.string().trim().min(1).max(500)),
  title: allowAbsent(z.string().trim().min(1).max(200)),
  // The contract makes body required; an empty one asks for the text derived from bodyHtml.
  body: allowAbsent(z.string().max(50_000)).transform((value) => (value === '' ? undefined : value)),
  bodyHtml: allowAbsent(z.string().min(1).max(200_000)),
  imageUrl: allowAbsent(imageUrlSchema),
  link: allowAbsent(httpsUrlSchema),
};

const versionContentShape = {
  locale: allowAbsent(localeSchema).transform((value) => value ?? 'en'),
  ...contentShape,
};

export interface VersionContentInput {
  readonly subject?: string;
  readonly title?: string;
  readonly body?: string;
  readonly bodyHtml?: string;
  readonly imageUrl?: string;
  readonly link?: string;
}

/** What a channel's versions must and must not carry; shared by createTemplate and addTemplateVersion. */
export function channelContentIssues(channel: Channel, input: VersionContentInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const refuse = (field: string, message: string) => issues.push({ field, message });
  if (channel === 'EMAIL') {
    if (input.subject === undefined) refuse('subject', 'is required for an EMAIL template');
    if (input.title !== undefined)
      refuse('title', 'belongs to PUSH templates; an EMAIL template has a subject');
    if (input.body === undefined && input.bodyHtml === undefined) {
      refuse('body', 'is required unless bodyHtml is given (the text is then derived from it)');
    }
  } else {
    if (input.title === undefined) refuse('title', 'is required for a PUSH template');
    if (input.subject !== undefined)
      refuse('subject', 'belongs to EMAIL templates; a PUSH template has a title');
    if (input.body === undefined) refuse('body', 'is required for a PUSH template');
    if (input.bodyHtml !== undefined) refuse('bodyHtml', 'belongs to EMAIL templates');
  }
  return issues;
}

export const createTemplateInputSchema = z
  .object({
    code: codeSchema,
    channel: channelSchema,
    ...versionContentShape,
    publish: allowAbsent(z.boolean()).transform((value) => value ?? true),
  })
  .superRefine((input, ctx) => {
    for (const issue of channelContentIssues(input.channel, input)) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    }
  });
export type CreateTemplateInput = z.output<typeof createTemplateInputSchema>;

/** The channel rules need the template, so addTemplateVersion checks them once it is loaded. */
export const templateVersionInputSchema = z.object({
  ...versionContentShape,
  publish: allowAbsent(z.boolean()).transform((value) => value ?? false),
});

export type TemplateVersionInput = z.output<typeof templateVersionInputSchema>;

/** Unsaved content to preview; its fields are refused by the same rules as a version's. */
export const templateDraftInputSchema = z.object(contentShape);

export const pageSchema = z.object({
  page: allowAbsent(z.number().int().min(1)).transform((value) => value ?? 1),
  limit: allowAbsent(z.number().int().min(1).max(100)).transform((value) => value ?? 10),
});

/** A JSON object of variables; anything else is refused rather than guessed at. */
export const variablesSchema = z.record(z.string(), z.unknown());
