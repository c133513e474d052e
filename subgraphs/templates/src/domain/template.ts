import type { RenderedContent, TemplateSources } from '@herald/rendering';

export const CHANNELS = ['EMAIL', 'PUSH'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Template {
  readonly code: string;
  readonly channel: Channel;
  readonly defaultLocale: string;
  readonly createdAt: Date;
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

/** Content rendered with a message's variables; a draft preview has no code or version. */
export interface RenderedDraft extends RenderedContent {
  readonly channel: Channel;
  readonly locale: string;
  readonly imageUrl: string | null;
  readonly link: string | null;
  /** The variables the rendered sources need. */
  readonly variables: readonly string[];
}

/** A saved version rendered. */
export interface RenderedMessage extends RenderedDraft {
  readonly code: string;
  readonly version: number;
}
