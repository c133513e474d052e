import { NotFoundError } from '@herald/errors';
import type { Template, TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';
import { makeFindActiveVersion } from './find-active-version.use-case';

export interface ResolvedTemplate {
  readonly template: Template;
  readonly version: TemplateVersion;
}

type GetTemplateDeps = {
  readonly templates: Pick<TemplateRepository, 'findByCode' | 'listPublishedVersions' | 'findVersion'>;
};

/**
 * A template with the version to use: the one asked for, or the published one for the
 * locale (no locale: the template's default locale).
 */
export function makeGetTemplate({ templates }: GetTemplateDeps) {
  const findActiveVersion = makeFindActiveVersion({ templates });
  return async (
    code: string,
    locale: string | undefined,
    versionNumber?: number,
  ): Promise<ResolvedTemplate> => {
    const template = await templates.findByCode(code);
    if (!template) throw new NotFoundError(`template ${code} not found`, { code });
    if (versionNumber !== undefined) {
      const version = await templates.findVersion(code, versionNumber);
      if (!version) {
        throw new NotFoundError(`template ${code} has no version ${versionNumber}`, {
          code,
          version: versionNumber,
        });
      }
      return { template, version };
    }
    const version = await findActiveVersion(template, locale);
    if (!version) {
      throw new NotFoundError(
        `template ${code} has no published version for locale ${locale ?? template.defaultLocale}`,
        {
          code,
          locale: locale ?? template.defaultLocale,
        },
      );
    }
    return { template, version };
  };
}
