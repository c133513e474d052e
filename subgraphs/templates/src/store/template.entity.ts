import { EntitySchema } from 'typeorm';
import type { Channel } from '../domain/template';

export interface TemplateRow {
  code: string;
  channel: Channel;
  defaultLocale: string;
  createdAt: Date;
}

export const TemplateEntity = new EntitySchema<TemplateRow>({
  name: 'Template',
  tableName: 'templates',
  columns: {
    code: { type: 'text', primary: true },
    channel: { type: 'text' },
    defaultLocale: { type: 'text', name: 'default_locale' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
