import type { TemplateVersion } from '../domain/template';
import type { TemplateRepository } from '../store/template.repository';

export function makeListTemplateVersions({
  templates,
}: {
  readonly templates: Pick<TemplateRepository, 'listVersions'>;
}) {
  return (code: string): Promise<TemplateVersion[]> => templates.listVersions(code);
}
