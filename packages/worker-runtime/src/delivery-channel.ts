import type { Channel } from '@herald/amqp';
import type { ChannelPreferences } from '@herald/contracts';

export type DeviceKind = 'FCM' | 'WEB_PUSH';

export interface RecipientDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  /** FCM registration token. */
  readonly token?: string;
  /** Web Push subscription. */
  readonly endpoint?: string;
  readonly p256dh?: string;
  readonly auth?: string;
  readonly valid: boolean;
}

/** The user a notification goes to, as the users service describes them. */
export interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly locale: string;
  readonly devices: readonly RecipientDevice[];
  /** Checked again at send time: a change made after the accept is honoured. */
  readonly preferences: ChannelPreferences;
  /** The current email address is on the suppression list; checked again at send time too. */
  readonly emailSuppressed: boolean;
}

/** A template version rendered with the notification's variables. */
export interface RenderedContent {
  readonly templateCode: string;
  readonly version: number;
  readonly locale: string;
  readonly subject?: string;
  readonly title?: string;
  readonly body: string;
  readonly bodyHtml?: string;
  readonly imageUrl?: string;
  readonly link?: string;
}

/** What a channel knows about the notification besides recipient and content. */
export interface DeliveryContext {
  readonly notificationId: string;
  readonly priority: number;
  readonly attempt: number;
  readonly category?: string;
}

export type SendResult =
  | { readonly kind: 'delivered'; readonly providerMessageId: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * One delivery channel (email, push) in front of its providers. `send` throws a
 * DeliveryRefusedError when the provider refuses, a DeliveryUnavailableError when it fails.
 */
export interface DeliveryChannel {
  readonly name: Channel;
  send(recipient: Recipient, rendered: RenderedContent, context: DeliveryContext): Promise<SendResult>;
  /** Releases provider resources (pooled connections); called after consuming has stopped. */
  close(): Promise<void>;
}
