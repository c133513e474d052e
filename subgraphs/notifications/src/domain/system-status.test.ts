import { summarizeServices } from './system-status';

describe('summarizeServices', () => {
  it('lists each check with why it failed, and the breakers the workers reported', () => {
    const summary = summarizeServices([
      {
        name: 'notifications',
        report: {
          status: 'not_ready',
          service: 'notifications',
          checks: { database: 'ok', broker: 'ECONNREFUSED' },
        },
      },
      {
        name: 'email-worker',
        report: {
          status: 'ready',
          service: 'email-worker',
          checks: { amqp: 'ok' },
          breakers: [{ provider: 'email', state: 'half-open' }],
        },
      },
    ]);
    expect(summary).toEqual({
      services: [
        {
          name: 'notifications',
          ready: false,
          checks: [
            { name: 'database', ok: true, detail: null },
            { name: 'broker', ok: false, detail: 'ECONNREFUSED' },
          ],
        },
        { name: 'email-worker', ready: true, checks: [{ name: 'amqp', ok: true, detail: null }] },
      ],
      breakers: [{ worker: 'email-worker', provider: 'email', state: 'HALF_OPEN' }],
    });
  });
});
