export const CHANNELS = ['EMAIL', 'PUSH'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Template {
  readonly code: string;
  readonly channel: Channel;
  readonly defaultLocale: string;
  readonly createdAt: Date;
}

/** The Handlebars sources of a version; subject is for EMAIL, title for PUSH. */
export interface TemplateSources {
  readonly subject: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
}

export interface TemplateContent extends TemplateSources {
  readonly imageUrl: string | null;
  readonly link: string | null;
}

/** Immutable once written; only `published` ever changes. */
export interface TemplateVersion extends TemplateContent {
  readonly templateCode: string;
  readonly number: number;
  readonly locale: string;
  /** The variables every render needs, extracted from the sources. */
  readonly variables: readonly string[];
  readonly published: boolean;
  readonly createdAt: Date;
}

export interface RenderedContent {
  readonly subject: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
}

export interface RenderedMessage extends RenderedContent {
  readonly code: string;
  readonly channel: Channel;
  readonly version: number;
  readonly locale: string;
  readonly imageUrl: string | null;
  readonly link: string | null;
}

/** A JSON object of template variables. */
export type TemplateVariables = Readonly<Record<string, unknown>>;
