import { NotFoundError } from '@herald/errors';
import type { PromiseClient, TemplateServiceDefinition } from '@herald/proto';
import { CHANNELS, type Channel } from '../domain/notification';
import type { TemplateCatalog } from '../use-cases/ports';

/** TemplateService.GetTemplate as the template lookup; NOT_FOUND becomes undefined, other failures propagate. */
export function createTemplateCatalog(client: PromiseClient<TemplateServiceDefinition>): TemplateCatalog {
  return {
    async findTemplate(code, locale) {
      try {
        const template = await client.GetTemplate({ code, locale: locale ?? '' });
        const channel = template.channel.toUpperCase();
        if (!isChannel(channel)) return undefined;
        return {
          code: template.code,
          channel,
          version: template.version > 0 ? template.version : null,
          locale: template.locale || null,
          variables: template.variables,
        };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
