import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import webpush from 'web-push';
import type { RecipientDevice } from '@herald/worker-runtime';
import { publicOnlyLookup } from './public-only-lookup';
import { createWebPushSender } from './web-push.provider';

const subscription = (endpoint: string): RecipientDevice => ({
  id: 'd-1',
  kind: 'WEB_PUSH',
  endpoint,
  p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
  auth: randomBytes(16).toString('base64url'),
  valid: true,
});
const message = { notificationId: 'n-1', userId: 'u-1', title: 'T', body: 'B', priority: 5 };

describe('the Web Push sender re-checks endpoints at send time', () => {
  const sender = createWebPushSender({
    vapid: { subject: 'mailto:a@example.com', ...webpush.generateVAPIDKeys() },
  });
  afterAll(() => sender.close());

  it.each([
    'https://127.0.0.1/push',
    'https://[::1]/push',
    'https://2130706433/push',
    'https://10.0.0.8/push',
    'https://localhost/push',
    'http://push.example.com/push',
  ])('refuses %s permanently, without connecting', async (endpoint) => {
    const [result] = await sender.sendEach([subscription(endpoint)], message);
    expect(result).toMatchObject({
      ok: false,
      permanent: true,
      tokenInvalid: false,
      reason: expect.stringMatching(/^endpoint must/),
    });
  });
});

describe('publicOnlyLookup', () => {
  const resolve = (hostname: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; addresses: unknown }>((done) =>
      publicOnlyLookup(
        hostname,
        { all },
        (error: NodeJS.ErrnoException | null, addresses: string | LookupAddress[]) =>
          done({ error, addresses }),
      ),
    );

  it('refuses a name that resolves to loopback, as a socket would ask for it', async () => {
    for (const all of [false, true]) {
      const { error } = await resolve('localhost', all);
      expect(error).toMatchObject({
        code: 'ENONPUBLIC',
        message: expect.stringMatching(/^localhost resolves to/),
      });
    }
  });
});
