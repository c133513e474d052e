import { Agent } from 'node:http';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { cert, deleteApp, initializeApp, type Credential, type ServiceAccount } from 'firebase-admin/app';
import { getMessaging, type Message, type SendResponse } from 'firebase-admin/messaging';
import type { RecipientDevice } from '@herald/worker-runtime';
import type { DeviceResult, DeviceSender, PushMessage } from './push-provider';

export interface FcmOptions {
  readonly projectId: string;
  /** The service account; or, instead, an emulator. */
  readonly serviceAccount?: ServiceAccount;
  /** host:port of a plain-HTTP FCM HTTP v1 peer (tests, local development). */
  readonly emulatorHost?: string;
}

/** FCM error codes after which the token will never work again: users is told to drop it. */
const INVALID_TOKEN_CODES: ReadonlySet<string> = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
  'messaging/invalid-argument',
]);
/** Refusals another attempt would meet again, besides a dead token. */
const PERMANENT_CODES: ReadonlySet<string> = new Set([
  ...INVALID_TOKEN_CODES,
  'messaging/invalid-recipient',
  'messaging/payload-size-limit-exceeded',
  'messaging/mismatched-credential',
]);

/** FCM through firebase-admin: one HTTP v1 message per device, sent with sendEach. */
export function createFcmSender(options: FcmOptions): DeviceSender {
  const app = initializeApp(
    options.emulatorHost
      ? {
          projectId: options.projectId,
          credential: staticTokenCredential(),
          httpAgent: plainHttpAgent(options.emulatorHost),
        }
      : {
          projectId: options.projectId,
          credential: options.serviceAccount ? cert(options.serviceAccount) : undefined,
        },
    `herald-push-${randomUUID()}`,
  );
  const messaging = getMessaging(app);
  // HTTP/2 would bypass httpAgent; HTTP/1.1 lets the emulator route work, and costs little.
  if (options.emulatorHost) messaging.enableLegacyHttpTransport();
  return {
    sendEach: async (devices, message) => {
      if (devices.length === 0) return [];
      const batch = await messaging.sendEach(devices.map((device) => toFcmMessage(device, message)));
      return batch.responses.map((response, index) => toDeviceResult(devices[index]!, response));
    },
    close: () => deleteApp(app),
  };
}

export function toFcmMessage(device: RecipientDevice, message: PushMessage): Message {
  // FCM refuses a non-HTTPS link for web clients; the data payload still carries any link.
  const webLink = message.link?.startsWith('https://') ? message.link : undefined;
  return {
    token: device.token ?? '',
    notification: { title: message.title, body: message.body, imageUrl: message.imageUrl },
    data: {
      notification_id: message.notificationId,
      ...(message.link ? { link: message.link } : {}),
    },
    android: {
      priority: message.priority >= 7 ? 'high' : 'normal',
      notification: { clickAction: message.link, imageUrl: message.imageUrl },
    },
    webpush: webLink ? { fcmOptions: { link: webLink } } : undefined,
    apns: message.imageUrl ? { fcmOptions: { imageUrl: message.imageUrl } } : undefined,
  };
}

function toDeviceResult(device: RecipientDevice, response: SendResponse): DeviceResult {
  if (response.success) return { deviceId: device.id, ok: true, providerId: response.messageId ?? '' };
  const code = response.error?.code ?? 'messaging/unknown-error';
  return {
    deviceId: device.id,
    ok: false,
    permanent: PERMANENT_CODES.has(code),
    tokenInvalid: INVALID_TOKEN_CODES.has(code),
    reason: `${code}: ${response.error?.message ?? 'no detail'}`,
  };
}

/** The emulator needs no OAuth: any bearer token will do. */
function staticTokenCredential(): Credential {
  return { getAccessToken: async () => ({ access_token: 'herald-emulator-token', expires_in: 3600 }) };
}

/**
 * firebase-admin always addresses https://fcm.googleapis.com. This agent claims the https:
 * protocol (so the request is accepted) and opens a plain TCP connection to the emulator instead.
 */
function plainHttpAgent(hostPort: string): Agent {
  const separator = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(hostPort.slice(separator + 1));
  const agent = new Agent({ keepAlive: true });
  return Object.assign(agent, { protocol: 'https:', createConnection: () => connect({ host, port }) });
}
