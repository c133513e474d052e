import type { RequestOptions } from '../client-options.ts';
import {
  AddTemplateVersionDocument,
  CreateTemplateDocument,
  PreviewTemplateDocument,
  PublishTemplateVersionDocument,
  RenderTemplateDocument,
  TemplateDocument,
  TemplatesDocument,
  type CreateTemplateInput,
  type PreviewTemplateQueryVariables,
  type RenderTemplateQueryVariables,
  type RenderedMessageFieldsFragment,
  type TemplateDetailFragment,
  type TemplateSummaryFragment,
  type TemplateVersionFieldsFragment,
  type TemplateVersionInput,
  type TemplatesQueryVariables,
} from '../generated/operations.ts';
import type { RunOperation } from '../transport/http-transport.ts';
import type { Page } from './page.ts';

/** A rendered version, or a rendered draft (whose code and version are null). */
export type RenderedMessage = RenderedMessageFieldsFragment;

export interface TemplatesApi {
  list(query?: TemplatesQueryVariables, options?: RequestOptions): Promise<Page<TemplateSummaryFragment>>;
  /** With every version of every locale; null when there is no such template. */
  get(code: string, options?: RequestOptions): Promise<TemplateDetailFragment | null>;
  /** Creates the template with version 1, published unless `publish: false`. */
  create(input: CreateTemplateInput, options?: RequestOptions): Promise<TemplateDetailFragment>;
  /** A new immutable version, unpublished unless `publish: true`. */
  addVersion(
    code: string,
    input: TemplateVersionInput,
    options?: RequestOptions,
  ): Promise<TemplateVersionFieldsFragment>;
  /** Makes the version the active one of its locale; publishing an older number is the rollback. */
  publish(code: string, number: number, options?: RequestOptions): Promise<TemplateVersionFieldsFragment>;
  /**
   * Renders a version with the given variables, as a worker would (the active one of the locale
   * unless `version` is given). Missing variables are an UnprocessableError naming them in
   * `details.missing`.
   */
  render(query: RenderTemplateQueryVariables, options?: RequestOptions): Promise<RenderedMessage>;
  /**
   * Renders unsaved content as a send would, for a live preview; nothing is stored. Needs
   * templates:write. A refusal names the draft's fields in `issues` (`imageUrl`, `bodyHtml` …):
   * a BadUserInputError for content the channel refuses, an unsafe URL or a source that does not
   * compile (with `line` and `column`), an UnprocessableError for missing variables (also listed
   * in `details.missing`).
   */
  preview(query: PreviewTemplateQueryVariables, options?: RequestOptions): Promise<RenderedMessage>;
}

export function createTemplatesApi(run: RunOperation): TemplatesApi {
  return {
    async list(query = {}, options) {
      return (await run(TemplatesDocument, query, options)).templates;
    },
    async get(code, options) {
      return (await run(TemplateDocument, { code }, options)).template;
    },
    async create(input, options) {
      return (await run(CreateTemplateDocument, { input }, options)).createTemplate;
    },
    async addVersion(code, input, options) {
      return (await run(AddTemplateVersionDocument, { code, input }, options)).addTemplateVersion;
    },
    async publish(code, number, options) {
      return (await run(PublishTemplateVersionDocument, { code, number }, options)).publishTemplateVersion;
    },
    async render(query, options) {
      return (await run(RenderTemplateDocument, query, options)).renderTemplate;
    },
    async preview(query, options) {
      return (await run(PreviewTemplateDocument, query, options)).previewTemplate;
    },
  };
}
