import { ConflictError } from '@herald/errors';
import type { TemplateEngine } from '@herald/rendering';
import type { Template } from '../domain/template';
import type { TemplateRepository } from './ports';
import { prepareVersion } from './prepare-version';
import type { CreateTemplateInput } from './template-inputs';

export interface CreateTemplateDeps {
  readonly templates: Pick<TemplateRepository, 'create'>;
  readonly engine: Pick<TemplateEngine, 'check'>;
}

/** Creates a template with its version 1 in the given locale, which becomes its default locale. */
export function makeCreateTemplate({ templates, engine }: CreateTemplateDeps) {
  return async (input: CreateTemplateInput): Promise<Template> => {
    const version = prepareVersion(engine, input.channel, input);
    const result = await templates.create(
      { code: input.code, channel: input.channel, defaultLocale: input.locale },
      { ...version, number: 1 },
    );
    if (result.kind === 'duplicate') {
      throw new ConflictError(`template ${input.code} already exists`, { code: input.code });
    }
    return result.template;
  };
}
