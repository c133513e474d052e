export type { RenderedContent, TemplateSources, TemplateVariables } from './template-content';
export {
  createTemplateCompiler,
  createTemplateEngine,
  SOURCE_FIELDS,
  type CompiledTemplate,
  type RenderableVersion,
  type TemplateCompiler,
  type TemplateEngine,
  type TemplateSourceIssue,
} from './template-engine';
export { canonicalizeLocale, formattingLocale, localeCandidates, selectPublishedVersion } from './locale';
export { deriveTextFromHtml } from './html-to-text';
export { findMissingVariablesByName } from './requirements';
