import { BadUserInputError } from '@herald/errors';
import type { NewDevice } from '../domain/device';
import { assertEndpointHostIsPublic } from './endpoint-host';

const subscription = (endpoint: string): NewDevice => ({
  kind: 'WEB_PUSH',
  endpoint,
  p256dh: 'k',
  auth: 'a',
});

describe('assertEndpointHostIsPublic', () => {
  const dns: Record<string, string[]> = {
    'push.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
    '127.0.0.1.nip.io': ['127.0.0.1'],
    'sneaky.example.com': ['93.184.216.34', '10.0.0.5'],
  };
  const resolveHost = async (hostname: string) => dns[hostname] ?? [];

  it('accepts a host that resolves to public addresses only, or does not resolve', async () => {
    await expect(
      assertEndpointHostIsPublic(subscription('https://push.example.com/x'), resolveHost),
    ).resolves.toBeUndefined();
    await expect(
      assertEndpointHostIsPublic(subscription('https://unknown.example/x'), resolveHost),
    ).resolves.toBeUndefined();
  });

  it('refuses a host that resolves to any private or loopback address, naming the field', async () => {
    for (const endpoint of ['https://127.0.0.1.nip.io/x', 'https://sneaky.example.com/x']) {
      const attempt = assertEndpointHostIsPublic(subscription(endpoint), resolveHost);
      await expect(attempt).rejects.toBeInstanceOf(BadUserInputError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'input.endpoint' }] });
    }
  });

  it('leaves FCM tokens alone', async () => {
    await expect(
      assertEndpointHostIsPublic({ kind: 'FCM', token: 't' }, async () => ['127.0.0.1']),
    ).resolves.toBeUndefined();
  });
});
