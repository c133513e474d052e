import type { LocalCache } from '@herald/cache';
import type { ResolvedTemplate } from './get-template.use-case';

export type GetTemplate = (
  code: string,
  locale: string | undefined,
  version?: number,
) => Promise<ResolvedTemplate>;

/**
 * getTemplate answered from memory: with the compiled versions in the engine's LRU, rendering a
 * template seen recently touches no database. Misses (NOT_FOUND) are not remembered.
 */
export function cacheTemplateResolution(
  getTemplate: GetTemplate,
  cache: LocalCache<ResolvedTemplate>,
): GetTemplate {
  return (code, locale, version) =>
    cache.getOrLoad(code, `${locale ?? ''}\u0000${version ?? ''}`, () => getTemplate(code, locale, version));
}
