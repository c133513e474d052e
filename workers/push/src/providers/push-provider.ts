import type { RecipientDevice } from '@herald/delivery';

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
 * The dev outbox today; FCM and Web Push later, each taking the devices of its kind.
 * Throws a DeliveryError when the send fails.
 */
export interface PushProvider {
  send(devices: readonly RecipientDevice[], message: PushMessage): Promise<SentPush>;
  close(): Promise<void>;
}
