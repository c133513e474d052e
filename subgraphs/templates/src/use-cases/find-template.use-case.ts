import type { Template } from '../domain/template';
import type { TemplateRepository } from './ports';

export function makeFindTemplate({
  templates,
}: {
  readonly templates: Pick<TemplateRepository, 'findByCode'>;
}) {
  return (code: string): Promise<Template | undefined> => templates.findByCode(code);
}
