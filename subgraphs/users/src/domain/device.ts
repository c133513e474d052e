export const DEVICE_KINDS = ['FCM', 'WEB_PUSH'] as const;

export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A push target: an FCM registration token, or a Web Push subscription (endpoint and keys). */
export interface Device {
  readonly id: string;
  readonly userId: string;
  readonly kind: DeviceKind;
  readonly token: string | null;
  readonly endpoint: string | null;
  readonly p256dh: string | null;
  readonly auth: string | null;
  /** False once a provider rejected the token or subscription as invalid. */
  readonly valid: boolean;
  /** The provider's reason when it rejected the device, e.g. UNREGISTERED. */
  readonly invalidReason: string | null;
  readonly lastSeenAt: Date | null;
  readonly createdAt: Date;
}

export type NewDevice =
  | { readonly kind: 'FCM'; readonly token: string }
  | { readonly kind: 'WEB_PUSH'; readonly endpoint: string; readonly p256dh: string; readonly auth: string };
