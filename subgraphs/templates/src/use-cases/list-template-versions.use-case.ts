import type { TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';

export function makeListTemplateVersions({
  templates,
}: {
  readonly templates: Pick<TemplateRepository, 'listVersions'>;
}) {
  return (code: string): Promise<TemplateVersion[]> => templates.listVersions(code);
}
