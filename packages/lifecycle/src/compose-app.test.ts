import { createLogger } from '@herald/logging';
import { composeApp } from './compose-app';

const log = createLogger({ service: 'compose-app-test', level: 'silent' });

describe('composeApp', () => {
  it('closes what a failed composition opened, in reverse order, and rethrows its error', async () => {
    const closed: string[] = [];
    const composed = composeApp(log, async (cleanup) => {
      cleanup.defer('database', () => void closed.push('database'));
      cleanup.defer('broker', () => void closed.push('broker'));
      throw new Error('cannot start: AMQP_URL is unreachable');
    });

    await expect(composed).rejects.toThrow('cannot start: AMQP_URL is unreachable');
    expect(closed).toEqual(['broker', 'database']);
  });

  it('starts with the composed start, and stop closes everything once, servers first', async () => {
    const closed: string[] = [];
    const app = await composeApp(log, async (cleanup) => {
      cleanup.defer('database', () => void closed.push('database'));
      return async () => {
        cleanup.defer('http server', () => void closed.push('http server'));
        return { http: 8080 };
      };
    });

    expect(closed).toEqual([]);
    expect(await app.start()).toEqual({ http: 8080 });
    await Promise.all([app.stop(), app.stop()]);
    expect(closed).toEqual(['http server', 'database']);
  });
});
