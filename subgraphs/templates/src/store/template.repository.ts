import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@herald/database';
import type { Template, TemplateVersion } from '../domain/template';
import type { TemplateRepository } from '../use-cases/ports';
import { TemplateEntity, type TemplateRow } from './template.entity';
import { TemplateVersionEntity, type TemplateVersionRow } from './template-version.entity';

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
    addVersion(code, version) {
      return db.transaction(async (manager) => {
        if (!(await lockTemplate(manager, code))) return undefined;
        const { next } = (await manager
          .createQueryBuilder(TemplateVersionEntity, 'version')
          .select('coalesce(max(version.number), 0) + 1', 'next')
          .where('version.templateCode = :code', { code })
          .getRawOne<{ next: number }>())!;
        if (version.published) await unpublishLocale(manager, code, version.locale);
        const row: Omit<TemplateVersionRow, 'id' | 'createdAt'> = {
          ...version,
          templateCode: code,
          number: Number(next),
          variables: [...version.variables],
        };
        const inserted = await manager.insert(TemplateVersionEntity, row);
        return toVersion({
          ...row,
          ...(inserted.generatedMaps[0] as Pick<TemplateVersionRow, 'id' | 'createdAt'>),
        });
      });
    },
    publishVersion(code, number) {
      return db.transaction(async (manager) => {
        if (!(await lockTemplate(manager, code))) return undefined;
        const row = await manager.findOneBy(TemplateVersionEntity, { templateCode: code, number });
        if (!row) return undefined;
        await unpublishLocale(manager, code, row.locale);
        await manager.update(TemplateVersionEntity, { id: row.id }, { published: true });
        return toVersion({ ...row, published: true });
      });
    },
  };
}

/** Serializes the writers of one template, so version numbers and the active version never race. */
async function lockTemplate(manager: EntityManager, code: string): Promise<boolean> {
  const row = await manager.findOne(TemplateEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  return row !== null;
}

async function unpublishLocale(manager: EntityManager, code: string, locale: string): Promise<void> {
  await manager.update(
    TemplateVersionEntity,
    { templateCode: code, locale, published: true },
    { published: false },
  );
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
