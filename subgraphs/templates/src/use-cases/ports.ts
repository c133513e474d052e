import type { Channel, Template, TemplateContent, TemplateVersion } from '../domain/template';

/*
 * Every port the use cases use: the store implements them; the use cases import nothing else
 * but domain/.
 */

export interface NewTemplate {
  readonly code: string;
  readonly channel: Channel;
  readonly defaultLocale: string;
}

export interface NewTemplateVersion extends TemplateContent {
  readonly number: number;
  readonly locale: string;
  readonly variables: readonly string[];
  readonly published: boolean;
}

export type CreateTemplateResult =
  | { readonly kind: 'created'; readonly template: Template; readonly version: TemplateVersion }
  | { readonly kind: 'duplicate' };

export interface TemplatePage {
  readonly items: Template[];
  readonly total: number;
}

export interface TemplateRepository {
  /** Inserts a template with its first version in one transaction. */
  create(template: NewTemplate, firstVersion: NewTemplateVersion): Promise<CreateTemplateResult>;
  findByCode(code: string): Promise<Template | undefined>;
  /** Ordered by code. */
  list(filter: {
    readonly channel?: Channel;
    readonly offset: number;
    readonly limit: number;
  }): Promise<TemplatePage>;
  /** Every version of a template, oldest first. */
  listVersions(code: string): Promise<TemplateVersion[]>;
  listPublishedVersions(code: string): Promise<TemplateVersion[]>;
  findVersion(code: string, number: number): Promise<TemplateVersion | undefined>;
  /**
   * Appends a version numbered after the template's newest; a published one replaces the
   * active version of its locale. Undefined when the template does not exist.
   */
  addVersion(code: string, version: Omit<NewTemplateVersion, 'number'>): Promise<TemplateVersion | undefined>;
  /** Makes the version the only published one of its locale. Undefined when it does not exist. */
  publishVersion(code: string, number: number): Promise<TemplateVersion | undefined>;
}
