import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '@herald/database';
import type { Channel, Template, TemplateContent, TemplateVersion } from '../domain/template';
import { TemplateEntity, type TemplateRow } from './template.entity';
import { TemplateVersionEntity, type TemplateVersionRow } from './template-version.entity';

export interface NewTemplate {
  readonly code: string;
  readonly channel: Channel;
  readonly defaultLocale: string;
}

export interface NewTemplateVersion extends TemplateContent {
  readonly number: number;
  readonly locale: string;
  readonly variables: readonly string[];
  readonly published: boolean;
}

export type CreateTemplateResult =
  | { readonly kind: 'created'; readonly template: Template; readonly version: TemplateVersion }
  | { readonly kind: 'duplicate' };

export interface TemplatePage {
  readonly items: Template[];
  readonly total: number;
}

export interface TemplateRepository {
  /** Inserts a template with its first version in one transaction. */
  create(template: NewTemplate, firstVersion: NewTemplateVersion): Promise<CreateTemplateResult>;
  findByCode(code: string): Promise<Template | undefined>;
  /** Ordered by code. */
  list(filter: {
    readonly channel?: Channel;
    readonly offset: number;
    readonly limit: number;
  }): Promise<TemplatePage>;
  /** Every version of a template, oldest first. */
  listVersions(code: string): Promise<TemplateVersion[]>;
  listPublishedVersions(code: string): Promise<TemplateVersion[]>;
  findVersion(code: string, number: number): Promise<TemplateVersion | undefined>;
}

export function createTemplateRepository(db: DataSource): TemplateRepository {
  const templates = db.getRepository(TemplateEntity);
  const versions = db.getRepository(TemplateVersionEntity);

  return {
    async create(template, firstVersion) {
      try {
        return await db.transaction(async (manager) => {
          const templateRow: Omit<TemplateRow, 'createdAt'> = { ...template };
          const insertedTemplate = await manager.insert(TemplateEntity, templateRow);
          const versionRow: Omit<TemplateVersionRow, 'id' | 'createdAt'> = {
            ...firstVersion,
            templateCode: template.code,
            variables: [...firstVersion.variables],
          };
          const insertedVersion = await manager.insert(TemplateVersionEntity, versionRow);
          return {
            kind: 'created' as const,
            template: toTemplate({
              ...templateRow,
              ...(insertedTemplate.generatedMaps[0] as Pick<TemplateRow, 'createdAt'>),
            }),
            version: toVersion({
              ...versionRow,
              ...(insertedVersion.generatedMaps[0] as Pick<TemplateVersionRow, 'id' | 'createdAt'>),
            }),
          };
        });
      } catch (error) {
        if (isUniqueViolation(error, 'templates_pkey')) return { kind: 'duplicate' };
        throw error;
      }
    },
    async findByCode(code) {
      const row = await templates.findOneBy({ code });
      return row ? toTemplate(row) : undefined;
    },
    async list({ channel, offset, limit }) {
      const [rows, total] = await templates.findAndCount({
        where: channel ? { channel } : {},
        order: { code: 'ASC' },
        skip: offset,
        take: limit,
      });
      return { items: rows.map(toTemplate), total };
    },
    async listVersions(code) {
      const rows = await versions.find({ where: { templateCode: code }, order: { number: 'ASC' } });
      return rows.map(toVersion);
    },
    async listPublishedVersions(code) {
      const rows = await versions.find({
        where: { templateCode: code, published: true },
        order: { number: 'ASC' },
      });
      return rows.map(toVersion);
    },
    async findVersion(code, number) {
      const row = await versions.findOneBy({ templateCode: code, number });
      return row ? toVersion(row) : undefined;
    },
  };
}

function toTemplate(row: TemplateRow): Template {
  return { code: row.code, channel: row.channel, defaultLocale: row.defaultLocale, createdAt: row.createdAt };
}

function toVersion(row: TemplateVersionRow): TemplateVersion {
  return {
    templateCode: row.templateCode,
    number: row.number,
    locale: row.locale,
    subject: row.subject,
    title: row.title,
    body: row.body,
    bodyHtml: row.bodyHtml,
    imageUrl: row.imageUrl,
    link: row.link,
    variables: row.variables,
    published: row.published,
    createdAt: row.createdAt,
  };
}
