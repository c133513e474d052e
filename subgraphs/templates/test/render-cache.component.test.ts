import type { DataSource } from 'typeorm';
import { openDataSource } from '@herald/database';
import { createTestEnvironment } from '@herald/testkit';
import { composeRendering } from '../src/compose-rendering';
import { CreateTemplates1720000000000 } from '../src/store/migrations/1720000000000-create-templates';
import { OnePublishedVersionPerLocale1720000000001 } from '../src/store/migrations/1720000000001-one-published-version-per-locale';
import { TemplateEntity } from '../src/store/template.entity';
import { createTemplateRepository } from '../src/store/template.repository';
import { TemplateVersionEntity } from '../src/store/template-version.entity';
import { makeCreateTemplate } from '../src/use-cases/create-template.use-case';
import type { TemplateRepository } from '../src/use-cases/ports';
import { createTemplateInputSchema } from '../src/use-cases/template-inputs';

const environment = createTestEnvironment();
let db: DataSource | undefined;

/** Counts every repository call, each of which is a PostgreSQL round trip. */
function countCalls(repository: TemplateRepository) {
  const counter = { calls: 0 };
  const counted = new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counter.calls += 1;
        return (value as (...params: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { counted, counter };
}

beforeAll(async () => {
  db = await openDataSource({
    url: environment.databaseUrl('templates_cache'),
    entities: [TemplateEntity, TemplateVersionEntity],
    migrations: [CreateTemplates1720000000000, OnePublishedVersionPerLocale1720000000001],
  });
});

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  await environment.cleanup();
});

describe('rendering a cached template', () => {
  it('touches PostgreSQL only to warm up, and works with the pool stopped', async () => {
    const { counted, counter } = countCalls(createTemplateRepository(db!));
    const rendering = composeRendering({ templates: counted, cacheSize: 10, resolutionTtlMs: 60_000 });
    await makeCreateTemplate({ templates: counted, engine: rendering.engine })(
      createTemplateInputSchema.parse({
        code: 'receipt',
        channel: 'EMAIL',
        subject: 'Receipt {{id}}',
        body: 'Total {{formatNumber total style="currency" currency="EUR"}}',
      }),
    );

    const request = { code: 'receipt', locale: 'de-DE', variables: { id: 7, total: 12.5 } };
    const first = await rendering.renderTemplate(request);
    expect(first).toMatchObject({ version: 1, locale: 'en', subject: 'Receipt 7' });
    const warm = counter.calls;

    for (let index = 0; index < 20; index += 1) {
      expect(await rendering.renderTemplate(request)).toEqual(first);
    }
    expect(counter.calls).toBe(warm);

    // No pool at all: a render that needed the database would fail now.
    await db!.destroy();
    expect(await rendering.renderTemplate(request)).toEqual(first);

    // An invalidated code goes back to the database, which proves the cache was what answered.
    rendering.resolutions.invalidate('receipt');
    await expect(rendering.renderTemplate(request)).rejects.toThrow();
    expect(counter.calls).toBeGreaterThan(warm);
  });
});
