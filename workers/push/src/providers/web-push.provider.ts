import { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import { publicHttpsUrlProblem } from '@herald/config';
import type { RecipientDevice } from '@herald/worker-runtime';
import { publicOnlyLookup } from './public-only-lookup';
import type { DeviceResult, DeviceSender, PushMessage } from './push-provider';

export interface VapidKeys {
  readonly subject: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

export interface WebPushOptions {
  readonly vapid: VapidKeys;
  /** Extra CA certificates (PEM) trusted for push endpoints: tests and private push services. */
  readonly extraCa?: string;
  /** Tests only: endpoints on http or private addresses (the users service's ALLOW_INSECURE_PUSH_ENDPOINTS). */
  readonly allowInsecureEndpoints?: boolean;
}

/** Web Push (RFC 8030, aes128gcm, VAPID) to each subscription's endpoint. */
export function createWebPushSender(options: WebPushOptions): DeviceSender {
  const guarded = !options.allowInsecureEndpoints;
  const agent = new Agent({
    keepAlive: true,
    ...(options.extraCa ? { ca: options.extraCa } : {}),
    ...(guarded ? { lookup: publicOnlyLookup } : {}),
  });
  const send = async (device: RecipientDevice, message: PushMessage): Promise<DeviceResult> => {
    // Checked at registration by users, and again here: the row may predate the rule or be edited.
    const problem = guarded ? publicHttpsUrlProblem(device.endpoint ?? '') : undefined;
    if (problem) {
      return {
        deviceId: device.id,
        ok: false,
        permanent: true,
        tokenInvalid: false,
        reason: `endpoint ${problem}`,
      };
    }
    try {
      const response = await webpush.sendNotification(
        { endpoint: device.endpoint ?? '', keys: { p256dh: device.p256dh ?? '', auth: device.auth ?? '' } },
        JSON.stringify(toWebPushPayload(message)),
        {
          vapidDetails: options.vapid,
          TTL: 24 * 60 * 60,
          urgency: message.priority >= 7 ? 'high' : 'normal',
          timeout: 10_000,
          agent,
        },
      );
      return {
        deviceId: device.id,
        ok: true,
        providerId: response.headers.location ?? device.endpoint ?? '',
      };
    } catch (error) {
      return toFailure(device, error);
    }
  };
  return {
    sendEach: (devices, message) => Promise.all(devices.map((device) => send(device, message))),
    close: async () => agent.destroy(),
  };
}

/** What the service worker receives (decrypted): the rendered title and body, image and link. */
export function toWebPushPayload(message: PushMessage): Record<string, unknown> {
  return {
    notification_id: message.notificationId,
    title: message.title,
    body: message.body,
    image: message.imageUrl ?? null,
    link: message.link ?? null,
  };
}

/** 404 and 410 mean the subscription is gone; other 4xx refuse this payload; 429 and 5xx may pass later. */
function toFailure(device: RecipientDevice, error: unknown): DeviceResult {
  if (error instanceof WebPushError) {
    const gone = error.statusCode === 404 || error.statusCode === 410;
    const refused = error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429;
    return {
      deviceId: device.id,
      ok: false,
      permanent: gone || refused,
      tokenInvalid: gone,
      reason: `web push ${error.statusCode}: ${error.body || error.message}`,
    };
  }
  return {
    deviceId: device.id,
    ok: false,
    permanent: false,
    tokenInvalid: false,
    reason: error instanceof Error ? error.message : String(error),
  };
}
