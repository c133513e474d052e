import { formattingLocale, type TemplateEngine, type TemplateVariables } from '@herald/rendering';
import type { RenderedMessage } from '../domain/template';
import type { ResolvedTemplate } from './get-template.use-case';

export interface RenderTemplateRequest {
  readonly code: string;
  readonly locale?: string;
  /** Absent: the published version for the locale. */
  readonly version?: number;
  readonly variables: TemplateVariables;
}

export interface RenderTemplateDeps {
  readonly getTemplate: (
    code: string,
    locale: string | undefined,
    version?: number,
  ) => Promise<ResolvedTemplate>;
  readonly engine: Pick<TemplateEngine, 'render'>;
}

/** Renders a version; the result names the version and locale actually used. */
export function makeRenderTemplate({ getTemplate, engine }: RenderTemplateDeps) {
  return async (request: RenderTemplateRequest): Promise<RenderedMessage> => {
    const { template, version } = await getTemplate(request.code, request.locale, request.version);
    const rendered = engine.render(
      version,
      request.variables,
      formattingLocale(request.locale, version.locale),
    );
    return {
      ...rendered,
      code: template.code,
      channel: template.channel,
      version: version.number,
      locale: version.locale,
      imageUrl: version.imageUrl,
      link: version.link,
      variables: version.variables,
    };
  };
}
