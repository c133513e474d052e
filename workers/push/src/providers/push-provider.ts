import type { RecipientDevice } from '@herald/worker-runtime';

/** One rendered notification for the devices of one user. */
export interface PushMessage {
  readonly notificationId: string;
  readonly userId: string;
  readonly title: string;
  readonly body: string;
  readonly imageUrl?: string;
  readonly link?: string;
  /** 0–10, as on the queue; providers map it to their own urgency. */
  readonly priority: number;
}

export interface SentPush {
  /** The provider's id for the send, reported as the DELIVERED detail. */
  readonly messageId: string;
}

/**
 * The dev outbox, or FCM and Web Push together. Throws a DeliveryRefusedError or DeliveryUnavailableError when the send fails.
 */
export interface PushProvider {
  send(devices: readonly RecipientDevice[], message: PushMessage): Promise<SentPush>;
  close(): Promise<void>;
}

/** How one device's send ended. `tokenInvalid`: the provider says the token or subscription is dead. */
export type DeviceResult =
  | { readonly deviceId: string; readonly ok: true; readonly providerId: string }
  | {
      readonly deviceId: string;
      readonly ok: false;
      readonly permanent: boolean;
      readonly tokenInvalid: boolean;
      readonly reason: string;
    };

/** One provider (FCM, Web Push) sending to the devices of its kind; never throws per device. */
export interface DeviceSender {
  sendEach(devices: readonly RecipientDevice[], message: PushMessage): Promise<DeviceResult[]>;
  close(): Promise<void>;
}
