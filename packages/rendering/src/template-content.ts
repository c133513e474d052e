/** The Handlebars sources of a version; subject is for EMAIL, title for PUSH. */
export interface TemplateSources {
  readonly subject: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
}

/** A version's sources rendered with a message's variables. */
export interface RenderedContent {
  readonly subject: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
}

/** A JSON object of template variables. */
export type TemplateVariables = Readonly<Record<string, unknown>>;
