import { NotFoundError } from '@herald/errors';
import type { TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';

export interface PublishTemplateVersionDeps {
  readonly templates: Pick<TemplateRepository, 'publishVersion'>;
  readonly announceChange: (code: string) => Promise<void>;
}

/** Makes a version the active one of its locale; publishing an older number is the rollback. */
export function makePublishTemplateVersion({ templates, announceChange }: PublishTemplateVersionDeps) {
  return async (code: string, number: number): Promise<TemplateVersion> => {
    const version = await templates.publishVersion(code, number);
    if (!version) {
      throw new NotFoundError(`template ${code} has no version ${number}`, { code, version: number });
    }
    await announceChange(code);
    return version;
  };
}
