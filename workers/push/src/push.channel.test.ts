import type { Recipient, RecipientDevice } from '@herald/worker-runtime';
import type { PushMessage, PushProvider } from './providers/push-provider';
import { createPushChannel } from './push.channel';

const rendered = { templateCode: 'shipped', version: 1, locale: 'en', title: 'Shipped', body: 'On its way' };
const context = { notificationId: 'n-1', priority: 5, attempt: 1 };

function recipientWith(devices: RecipientDevice[]): Recipient {
  return {
    id: 'u-1',
    email: 'grace@example.com',
    name: 'Grace',
    locale: 'en',
    devices,
    preferences: { email: true, push: true, optedOutCategories: [] },
    emailSuppressed: false,
  };
}

function recordingProvider() {
  const sends: { devices: readonly RecipientDevice[]; message: PushMessage }[] = [];
  const provider: PushProvider = {
    send: async (devices, message) => {
      sends.push({ devices, message });
      return { messageId: 'push-1' };
    },
    close: async () => undefined,
  };
  return { provider, sends };
}

describe('createPushChannel', () => {
  it('sends to the valid devices only', async () => {
    const { provider, sends } = recordingProvider();
    const valid: RecipientDevice = { id: 'd-1', kind: 'FCM', token: 't-1', valid: true };
    const stale: RecipientDevice = { id: 'd-2', kind: 'FCM', token: 't-2', valid: false };

    const result = await createPushChannel(provider).send(recipientWith([valid, stale]), rendered, context);

    expect(result).toEqual({ kind: 'delivered', providerMessageId: 'push-1' });
    expect(sends[0]?.devices).toEqual([valid]);
    expect(sends[0]?.message).toMatchObject({
      notificationId: 'n-1',
      userId: 'u-1',
      title: 'Shipped',
      body: 'On its way',
    });
  });

  it('skips a user without a valid device, without calling the provider', async () => {
    const { provider, sends } = recordingProvider();

    const result = await createPushChannel(provider).send(
      recipientWith([{ id: 'd-2', kind: 'FCM', token: 't-2', valid: false }]),
      rendered,
      context,
    );

    expect(result).toEqual({ kind: 'skipped', reason: 'no valid device' });
    expect(sends).toHaveLength(0);
  });

  it('refuses an image URL on a private host at send time, without calling the provider', async () => {
    const { provider, sends } = recordingProvider();
    const device: RecipientDevice = { id: 'd-1', kind: 'FCM', token: 't-1', valid: true };

    const sent = createPushChannel(provider).send(
      recipientWith([device]),
      { ...rendered, imageUrl: 'https://169.254.169.254/latest/meta-data' },
      context,
    );

    await expect(sent).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^image_url must not point at/),
    });
    expect(sends).toHaveLength(0);
  });
});
