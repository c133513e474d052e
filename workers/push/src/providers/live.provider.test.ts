import { DeliveryUnavailableError, type RecipientDevice } from '@herald/worker-runtime';
import { createLogger } from '@herald/logging';
import { createLiveProvider } from './live.provider';
import type { DeviceResult, DeviceSender, PushMessage } from './push-provider';

const log = createLogger({ service: 'push-test', level: 'silent' });
const message: PushMessage = {
  notificationId: 'n-1',
  userId: 'u-1',
  title: 'Hi',
  body: 'Shipped',
  priority: 5,
};
const phone: RecipientDevice = { id: 'd-phone', kind: 'FCM', token: 'token-1', valid: true };
const browser: RecipientDevice = {
  id: 'd-browser',
  kind: 'WEB_PUSH',
  endpoint: 'https://push.example.com/sub/1',
  p256dh: 'key',
  auth: 'secret',
  valid: true,
};

function sender(answer: (device: RecipientDevice) => DeviceResult): DeviceSender & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    sendEach: async (devices) =>
      devices.map((device) => {
        seen.push(device.id);
        return answer(device);
      }),
    close: async () => undefined,
  };
}

const accepted = (device: RecipientDevice): DeviceResult => ({
  deviceId: device.id,
  ok: true,
  providerId: 'm-1',
});
const refused =
  (permanent: boolean, tokenInvalid = false) =>
  (device: RecipientDevice): DeviceResult => ({
    deviceId: device.id,
    ok: false,
    permanent,
    tokenInvalid,
    reason: permanent ? 'gone' : 'unavailable',
  });

function setUp(fcm: DeviceSender, webPush: DeviceSender) {
  const invalidated: { userId: string; token: string; reason: string }[] = [];
  const provider = createLiveProvider(
    { fcm, webPush },
    { invalidate: async (userId, token, reason) => void invalidated.push({ userId, token, reason }) },
    log,
  );
  return { provider, invalidated };
}

describe('live push provider', () => {
  it('routes each device to the sender of its kind and lists every result', async () => {
    const fcm = sender(accepted);
    const webPush = sender(accepted);
    const { provider } = setUp(fcm, webPush);

    const sent = await provider.send([phone, browser], message);

    expect(fcm.seen).toEqual(['d-phone']);
    expect(webPush.seen).toEqual(['d-browser']);
    expect(JSON.parse(sent.messageId)).toEqual([
      { device_id: 'd-phone', result: 'accepted', id: 'm-1' },
      { device_id: 'd-browser', result: 'accepted', id: 'm-1' },
    ]);
  });

  it('delivers when one device accepts, and invalidates a dead token with the reason', async () => {
    const { provider, invalidated } = setUp(sender(refused(true, true)), sender(accepted));

    await provider.send([phone, browser], message);

    expect(invalidated).toEqual([{ userId: 'u-1', token: 'token-1', reason: 'gone' }]);
  });

  it('fails permanently when every device refuses permanently', async () => {
    const { provider } = setUp(sender(refused(true)), sender(refused(true)));

    await expect(provider.send([phone, browser], message)).rejects.toMatchObject({ retryable: false });
  });

  it('fails transiently when a device may accept later', async () => {
    const { provider } = setUp(sender(refused(true)), sender(refused(false)));

    const failure = provider.send([phone, browser], message);

    await expect(failure).rejects.toBeInstanceOf(DeliveryUnavailableError);
    await expect(failure).rejects.toMatchObject({ retryable: true });
  });

  it('does not send to a malformed token or subscription', async () => {
    const fcm = sender(accepted);
    const webPush = sender(accepted);
    const { provider } = setUp(fcm, webPush);

    await expect(
      provider.send(
        [
          { ...phone, token: 'has spaces' },
          { ...browser, auth: undefined },
        ],
        message,
      ),
    ).rejects.toMatchObject({ retryable: false });
    expect([...fcm.seen, ...webPush.seen]).toEqual([]);
  });
});
