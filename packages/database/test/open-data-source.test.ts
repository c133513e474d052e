import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestEnvironment } from '@herald/testkit';
import { openDataSource } from '../src';

class CreateWidgets1700000000000 implements MigrationInterface {
  name = 'CreateWidgets1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE widgets');
  }
}

const environment = createTestEnvironment();
afterAll(() => environment.cleanup());

describe('openDataSource', () => {
  it('creates a missing database and migrates it once, even when replicas start together', async () => {
    const url = environment.databaseUrl('widgets');
    const options = { url, entities: [], migrations: [CreateWidgets1700000000000] };
    const sources = await Promise.all([
      openDataSource(options),
      openDataSource(options),
      openDataSource(options),
    ]);
    try {
      const [first] = sources;
      const applied = (await first!.query('SELECT name FROM migrations')) as { name: string }[];
      expect(applied.map((row) => row.name)).toEqual(['CreateWidgets1700000000000']);
      await first!.query(`INSERT INTO widgets (name) VALUES ('sprocket')`);
      expect(await first!.query('SELECT name FROM widgets')).toEqual([{ name: 'sprocket' }]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });
});
