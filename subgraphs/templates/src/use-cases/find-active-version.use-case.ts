import { selectPublishedVersion } from '@herald/rendering';
import type { Template, TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';

/** The published version for a locale: exact, then its language, then the template's default locale. */
export function makeFindActiveVersion({
  templates,
}: {
  readonly templates: Pick<TemplateRepository, 'listPublishedVersions'>;
}) {
  return async (template: Template, locale: string | undefined): Promise<TemplateVersion | undefined> =>
    selectPublishedVersion(
      await templates.listPublishedVersions(template.code),
      locale,
      template.defaultLocale,
    );
}
