import { createLocalCache, type LocalCache } from '@herald/cache';
import { createTemplateEngine, type TemplateEngine } from '@herald/rendering';
import type { RenderedMessage } from './domain/template';
import type { TemplateRepository } from './use-cases/ports';
import { cacheTemplateResolution, type GetTemplate } from './use-cases/cache-template-resolution';
import { makeGetTemplate, type ResolvedTemplate } from './use-cases/get-template.use-case';
import { makeRenderTemplate, type RenderTemplateRequest } from './use-cases/render-template.use-case';

export interface Rendering {
  readonly engine: TemplateEngine;
  /** What getTemplate resolved, per code; a publish invalidates the code. */
  readonly resolutions: LocalCache<ResolvedTemplate>;
  readonly getTemplate: GetTemplate;
  readonly renderTemplate: (request: RenderTemplateRequest) => Promise<RenderedMessage>;
}

/**
 * The read path of rendering: the version resolution and the compiled templates both come from
 * memory once warm, so a cached render does not touch PostgreSQL.
 */
export function composeRendering(options: {
  readonly templates: Pick<TemplateRepository, 'findByCode' | 'listPublishedVersions' | 'findVersion'>;
  readonly cacheSize: number;
  readonly resolutionTtlMs: number;
}): Rendering {
  const engine = createTemplateEngine({ cacheSize: options.cacheSize });
  const resolutions = createLocalCache<ResolvedTemplate>({
    capacity: options.cacheSize,
    ttlMs: options.resolutionTtlMs,
  });
  const getTemplate = cacheTemplateResolution(makeGetTemplate({ templates: options.templates }), resolutions);
  return { engine, resolutions, getTemplate, renderTemplate: makeRenderTemplate({ getTemplate, engine }) };
}
