import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Publishing makes a version the active one for its locale, so a locale has at most one. */
export class OnePublishedVersionPerLocale1720000000001 implements MigrationInterface {
  name = 'OnePublishedVersionPerLocale1720000000001';

  async up(runner: QueryRunner): Promise<void> {
    // Earlier data may hold several published versions of a locale: the newest stays active.
    await runner.query(`
      UPDATE template_versions AS older SET published = false
      WHERE older.published AND EXISTS (
        SELECT 1 FROM template_versions AS newer
        WHERE newer.template_code = older.template_code AND newer.locale = older.locale
          AND newer.published AND newer.number > older.number)`);
    await runner.query(`
      CREATE UNIQUE INDEX template_versions_one_published_key
      ON template_versions (template_code, locale) WHERE published`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX template_versions_one_published_key');
  }
}
