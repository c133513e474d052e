import {
  DeliveryRefusedError,
  DeliveryUnavailableError,
  type PushTokenRegistry,
  type RecipientDevice,
} from '@herald/worker-runtime';
import type { Logger } from '@herald/logging';
import type { DeviceResult, DeviceSender, PushMessage, PushProvider } from './push-provider';

export interface LiveSenders {
  readonly fcm: DeviceSender;
  readonly webPush: DeviceSender;
}

/** FCM tokens are opaque, but never blank, never spaced, and never longer than FCM accepts. */
const FCM_TOKEN = /^[^\s]{1,4096}$/;

/**
 * Sends to every device through the sender of its kind. The notification is delivered when at
 * least one device accepted it; the detail lists each device's result. Dead tokens are reported
 * to users so they are not tried again. When no device accepted, the failure is permanent only
 * if every device refused permanently.
 */
export function createLiveProvider(
  senders: LiveSenders,
  pushTokens: PushTokenRegistry,
  log: Logger,
): PushProvider {
  return {
    send: async (devices, message) => {
      const malformed = devices.filter((device) => !hasValidFormat(device));
      const sendable = devices.filter(hasValidFormat);
      const results: DeviceResult[] = [
        ...malformed.map((device) => ({
          deviceId: device.id,
          ok: false as const,
          permanent: true,
          tokenInvalid: false,
          reason: 'malformed token or subscription',
        })),
        ...(await senders.fcm.sendEach(
          sendable.filter((device) => device.kind === 'FCM'),
          message,
        )),
        ...(await senders.webPush.sendEach(
          sendable.filter((device) => device.kind === 'WEB_PUSH'),
          message,
        )),
      ];
      await invalidateDeadTokens(devices, results, message, pushTokens, log);
      const detail = describe(results);
      if (results.some((result) => result.ok)) return { messageId: detail };
      // Refused only when every device refused for good; one that may pass later keeps it retryable.
      if (results.every((result) => !result.ok && result.permanent)) throw new DeliveryRefusedError(detail);
      throw new DeliveryUnavailableError(detail);
    },
    close: async () => {
      await Promise.all([senders.fcm.close(), senders.webPush.close()]);
    },
  };
}

function hasValidFormat(device: RecipientDevice): boolean {
  if (device.kind === 'FCM') return FCM_TOKEN.test(device.token ?? '');
  return URL.canParse(device.endpoint ?? '') && Boolean(device.p256dh) && Boolean(device.auth);
}

/** A failed invalidation is logged only: the send's outcome stands, and the next send reports it again. */
async function invalidateDeadTokens(
  devices: readonly RecipientDevice[],
  results: readonly DeviceResult[],
  message: PushMessage,
  pushTokens: PushTokenRegistry,
  log: Logger,
): Promise<void> {
  for (const result of results) {
    if (result.ok || !result.tokenInvalid) continue;
    const device = devices.find((candidate) => candidate.id === result.deviceId);
    const token = device?.kind === 'FCM' ? device.token : device?.endpoint;
    if (!token) continue;
    try {
      await pushTokens.invalidate(message.userId, token, result.reason);
    } catch (error) {
      log.warn({ err: error, device_id: result.deviceId }, 'could not invalidate push token');
    }
  }
}

function describe(results: readonly DeviceResult[]): string {
  return JSON.stringify(
    results.map((result) =>
      result.ok
        ? { device_id: result.deviceId, result: 'accepted', id: result.providerId }
        : { device_id: result.deviceId, result: 'refused', reason: result.reason },
    ),
  );
}
