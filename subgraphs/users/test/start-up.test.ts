import { UnreachableDependencyError } from '@herald/config';
import { createLogger } from '@herald/logging';
import { freePort } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadUsersConfig } from '../src/config';

describe('users start-up', () => {
  it('names DATABASE_URL when the database cannot be reached', async () => {
    const port = await freePort();
    const config = loadUsersConfig({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}`,
      PORT: '0',
      GRPC_PORT: '0',
    });
    const attempt = createApp(config, createLogger({ service: 'users', level: 'silent' }));
    await expect(attempt).rejects.toBeInstanceOf(UnreachableDependencyError);
    await expect(attempt).rejects.toThrow(/^cannot start: DATABASE_URL is unreachable/);
  });
});
