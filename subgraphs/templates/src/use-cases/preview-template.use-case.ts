import type { TemplateCompiler, TemplateVariables } from '@herald/rendering';
import type { Channel, RenderedDraft } from '../domain/template';
import { prepareContent } from './prepare-version';
import type { VersionContentInput } from './template-inputs';

export interface PreviewTemplateRequest {
  readonly channel: Channel;
  readonly draft: VersionContentInput;
  readonly variables: TemplateVariables;
  /** The draft's locale, which dates and numbers are formatted for. */
  readonly locale: string;
}

export interface PreviewTemplateDeps {
  readonly engine: Pick<TemplateCompiler, 'compile'>;
}

/**
 * Renders unsaved content exactly as a saved version would be rendered: the same channel rules,
 * the same compiler and the same refusals. Nothing is stored and nothing is cached: a draft
 * changes with every keystroke, so a compiled draft would never be rendered twice.
 */
export function makePreviewTemplate({ engine }: PreviewTemplateDeps) {
  return (request: PreviewTemplateRequest): RenderedDraft => {
    const content = prepareContent(request.channel, request.draft);
    const compiled = engine.compile(content);
    return {
      ...compiled.render(request.variables, request.locale),
      channel: request.channel,
      locale: request.locale,
      imageUrl: content.imageUrl,
      link: content.link,
      variables: compiled.variables,
    };
  };
}
