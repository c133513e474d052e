import { pageMeta, pageOffset, type PageMeta } from '@herald/paging';
import type { Channel, Template } from '../domain/template';
import type { TemplateRepository } from './ports';

export interface TemplateListing {
  readonly items: readonly Template[];
  readonly meta: PageMeta;
}

export function makeListTemplates({ templates }: { readonly templates: Pick<TemplateRepository, 'list'> }) {
  return async (query: {
    readonly channel?: Channel;
    readonly page: number;
    readonly limit: number;
  }): Promise<TemplateListing> => {
    const { items, total } = await templates.list({
      channel: query.channel,
      offset: pageOffset(query),
      limit: query.limit,
    });
    return { items, meta: pageMeta(total, query) };
  };
}
