import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@herald/logging';
import { loadPushWorkerConfig } from '../config';
import { createPushProvider } from './create-push-provider';

const log = createLogger({ service: 'push-test', level: 'silent' });
const pushTokens = { invalidate: async () => undefined };

describe('createPushProvider', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'herald-fcm-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names FCM_CREDENTIALS when the file cannot be read', () => {
    const config = loadPushWorkerConfig({ FCM_CREDENTIALS: join(dir, 'missing.json') });

    expect(() => createPushProvider(config, pushTokens, log)).toThrow(
      /^invalid configuration: FCM_CREDENTIALS names a file that cannot be read \(ENOENT\)/,
    );
  });

  it('names FCM_CREDENTIALS when the file is not a service account', async () => {
    const file = join(dir, 'not-an-account.json');
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    const config = loadPushWorkerConfig({ FCM_CREDENTIALS: file });

    expect(() => createPushProvider(config, pushTokens, log)).toThrow(
      /^invalid configuration: FCM_CREDENTIALS is not a service-account JSON file/,
    );
  });
});
