import { CleanupStack } from '@herald/lifecycle';
import { createLogger } from '@herald/logging';
import { createTestEnvironment } from '@herald/testkit';
import { openDataSourceOn } from '../src';

const environment = createTestEnvironment();
afterAll(() => environment.cleanup());

describe('openDataSourceOn', () => {
  it('opens the data source for the app and closes it when the app cleans up', async () => {
    const cleanup = new CleanupStack(createLogger({ service: 'database-test', level: 'silent' }));
    const source = await openDataSourceOn(cleanup, {
      url: environment.databaseUrl('cleaned_up'),
      entities: [],
      migrations: [],
    });
    expect(await source.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);

    await cleanup.dispose();
    expect(source.isInitialized).toBe(false);
  });
});
