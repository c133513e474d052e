import { EntitySchema } from 'typeorm';

export interface TemplateVersionRow {
  id: string;
  templateCode: string;
  number: number;
  locale: string;
  subject: string | null;
  title: string | null;
  body: string;
  bodyHtml: string | null;
  imageUrl: string | null;
  link: string | null;
  variables: string[];
  published: boolean;
  createdAt: Date;
}

export const TemplateVersionEntity = new EntitySchema<TemplateVersionRow>({
  name: 'TemplateVersion',
  tableName: 'template_versions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    templateCode: { type: 'text', name: 'template_code' },
    number: { type: 'int' },
    locale: { type: 'text' },
    subject: { type: 'text', nullable: true },
    title: { type: 'text', nullable: true },
    body: { type: 'text' },
    bodyHtml: { type: 'text', name: 'body_html', nullable: true },
    imageUrl: { type: 'text', name: 'image_url', nullable: true },
    link: { type: 'text', nullable: true },
    variables: { type: 'text', array: true },
    published: { type: 'boolean' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
