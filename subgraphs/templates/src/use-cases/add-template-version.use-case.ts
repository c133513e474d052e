import { NotFoundError } from '@herald/errors';
import type { TemplateEngine } from '@herald/rendering';
import type { TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';
import { prepareVersion } from './prepare-version';
import type { TemplateVersionInput } from './template-inputs';

export interface AddTemplateVersionDeps {
  readonly templates: Pick<TemplateRepository, 'findByCode' | 'addVersion'>;
  readonly engine: Pick<TemplateEngine, 'check'>;
  /** Tells every replica that the active versions of the template changed. */
  readonly announceChange: (code: string) => Promise<void>;
}

/** Appends an immutable version, numbered after the newest; unpublished unless asked. */
export function makeAddTemplateVersion({ templates, engine, announceChange }: AddTemplateVersionDeps) {
  return async (code: string, input: TemplateVersionInput): Promise<TemplateVersion> => {
    const template = await templates.findByCode(code);
    if (!template) throw new NotFoundError(`template ${code} not found`, { code });
    const version = await templates.addVersion(code, prepareVersion(engine, template.channel, input));
    if (!version) throw new NotFoundError(`template ${code} not found`, { code });
    if (version.published) await announceChange(code);
    return version;
  };
}
