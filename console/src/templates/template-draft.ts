import type {
  Channel,
  CreateTemplateInput,
  HeraldClientError,
  TemplateDraftInput,
  TemplateVersion,
  TemplateVersionInput,
} from '@herald/client';

/** The editor's content fields, as the form holds them (empty string = not set). */
export interface TemplateDraft {
  readonly locale: string;
  readonly subject: string;
  readonly title: string;
  readonly body: string;
  readonly bodyHtml: string;
  readonly imageUrl: string;
  readonly link: string;
}

export type DraftField = keyof TemplateDraft;

export const EMPTY_DRAFT: TemplateDraft = {
  locale: 'en',
  subject: '',
  title: '',
  body: '',
  bodyHtml: '',
  imageUrl: '',
  link: '',
};

/** The fields a channel's message has: an email has no push title or image, a push no HTML. */
export function fieldsOf(channel: Channel): readonly DraftField[] {
  return channel === 'EMAIL'
    ? ['subject', 'body', 'bodyHtml', 'link']
    : ['title', 'body', 'imageUrl', 'link'];
}

export function draftFromVersion(version: TemplateVersion): TemplateDraft {
  return {
    locale: version.locale,
    subject: version.subject ?? '',
    title: version.title ?? '',
    body: version.body,
    bodyHtml: version.bodyHtml ?? '',
    imageUrl: version.imageUrl ?? '',
    link: version.link ?? '',
  };
}

/** The draft's content as the server takes it: only the channel's fields, an empty one left out. */
export function draftInput(channel: Channel, draft: TemplateDraft): TemplateDraftInput {
  const fields = fieldsOf(channel);
  const optional = (field: DraftField) =>
    fields.includes(field) && draft[field].trim() ? draft[field] : null;
  return {
    subject: optional('subject'),
    title: optional('title'),
    body: draft.body,
    bodyHtml: optional('bodyHtml'),
    imageUrl: optional('imageUrl'),
    link: optional('link'),
  };
}

export function localeOf(draft: TemplateDraft): string {
  return draft.locale.trim() || 'en';
}

/** A new version from the draft. */
export function versionInput(channel: Channel, draft: TemplateDraft, publish: boolean): TemplateVersionInput {
  return { ...draftInput(channel, draft), locale: localeOf(draft), publish };
}

export function createInput(
  code: string,
  channel: Channel,
  draft: TemplateDraft,
  publish: boolean,
): CreateTemplateInput {
  return { ...versionInput(channel, draft, publish), code: code.trim(), channel };
}

/**
 * What the form can tell before asking the server; the server's own rules (code pattern, https
 * only, image checks, template syntax, missing variables) come back from the preview and the
 * save, by field.
 */
export function draftProblems(channel: Channel, draft: TemplateDraft): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  const hasHtml = channel === 'EMAIL' && draft.bodyHtml.trim() !== '';
  if (!draft.body.trim() && !hasHtml) {
    problems.body = channel === 'EMAIL' ? 'Write a text body or an HTML body' : 'Write a body';
  }
  if (channel === 'PUSH' && !draft.title.trim()) problems.title = 'A push notification needs a title';
  return problems;
}

/** The server's refusal, by the field it names ("input.imageUrl" and "imageUrl" are the same field). */
export function fieldErrorsOf(error: HeraldClientError): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.field.split('.').at(-1) ?? issue.field;
    byField[field] = byField[field] ? `${byField[field]}; ${issue.message}` : issue.message;
  }
  return byField;
}

/** The variables the server said are missing, from an UnprocessableError's details. */
export function missingVariablesOf(error: HeraldClientError): readonly string[] {
  const { missing } = error.details;
  return Array.isArray(missing) ? missing.filter((name): name is string => typeof name === 'string') : [];
}

/**
 * A variable typed in the form: a number, true, false, null, an array or an object when it reads
 * as JSON, otherwise the text itself, so "42" counts and "Ada" needs no quotes.
 */
export function parseVariableValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?|true|false|null|\{.*\}|\[.*\])$/s.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The variables object of the form's values; a dotted name is a path, as the templates read it
 * (`order.id` is `{ order: { id } }`). An empty value is left out, so the preview names it missing.
 */
export function variablesOf(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(values)) {
    const path = name.trim().split('.');
    if (path.some((segment) => segment === '') || text === '') continue;
    let scope = variables;
    for (const segment of path.slice(0, -1)) {
      const next = scope[segment];
      scope = (scope[segment] = typeof next === 'object' && next !== null ? next : {}) as Record<
        string,
        unknown
      >;
    }
    scope[path[path.length - 1] as string] = parseVariableValue(text);
  }
  return variables;
}
