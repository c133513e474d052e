import type { DeviceRepository } from '../store/device.repository';

export interface InvalidatePushTokenCommand {
  readonly userId: string;
  /** An FCM registration token or a Web Push endpoint that the provider rejected. */
  readonly token: string;
}

export function makeInvalidatePushToken({
  devices,
}: {
  readonly devices: Pick<DeviceRepository, 'invalidateToken'>;
}) {
  /** Resolves true when a valid device was marked invalid; false when none matched (or it already was). */
  return function invalidatePushToken({ userId, token }: InvalidatePushTokenCommand): Promise<boolean> {
    return devices.invalidateToken(userId, token);
  };
}

export type InvalidatePushToken = ReturnType<typeof makeInvalidatePushToken>;
