import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTemplates1720000000000 implements MigrationInterface {
  name = 'CreateTemplates1720000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE templates (
        code text PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'PUSH')),
        default_locale text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE template_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_code text NOT NULL REFERENCES templates (code) ON DELETE CASCADE,
        number int NOT NULL CHECK (number > 0),
        locale text NOT NULL,
        subject text,
        title text,
        body text NOT NULL,
        body_html text,
        image_url text,
        link text,
        variables text[] NOT NULL DEFAULT '{}',
        published boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT template_versions_code_number_key UNIQUE (template_code, number)
      )`);
    await runner.query(`CREATE INDEX templates_channel_code_idx ON templates (channel, code)`);
    // Versions are immutable: a rendered notification must always point at the text it was sent with.
    await runner.query(`
      CREATE FUNCTION template_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.template_code, NEW.number, NEW.locale, NEW.subject, NEW.title, NEW.body, NEW.body_html,
            NEW.image_url, NEW.link, NEW.variables, NEW.created_at)
           IS DISTINCT FROM
           (OLD.template_code, OLD.number, OLD.locale, OLD.subject, OLD.title, OLD.body, OLD.body_html,
            OLD.image_url, OLD.link, OLD.variables, OLD.created_at) THEN
          RAISE EXCEPTION 'template versions are immutable; only published may change';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER template_versions_immutable BEFORE UPDATE ON template_versions
      FOR EACH ROW EXECUTE FUNCTION template_versions_immutable()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE template_versions');
    await runner.query('DROP FUNCTION template_versions_immutable');
    await runner.query('DROP TABLE templates');
  }
}
