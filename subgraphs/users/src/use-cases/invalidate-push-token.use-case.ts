import type { CachedProfiles, DeviceRepository } from './ports';

export interface InvalidatePushTokenCommand {
  readonly userId: string;
  /** An FCM registration token or a Web Push endpoint that the provider rejected. */
  readonly token: string;
  /** The provider's reason, e.g. UNREGISTERED or 410 Gone. */
  readonly reason: string;
}

export function makeInvalidatePushToken({
  devices,
  profiles,
  now,
}: {
  readonly devices: Pick<DeviceRepository, 'invalidateToken'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  readonly now: () => Date;
}) {
  /** Resolves true when a valid device was marked invalid; false when none matched (or it already was). */
  return async function invalidatePushToken({
    userId,
    token,
    reason,
  }: InvalidatePushTokenCommand): Promise<boolean> {
    const invalidated = await devices.invalidateToken(userId, token, reason, now());
    if (invalidated) await profiles.forget(userId);
    return invalidated;
  };
}

export type InvalidatePushToken = ReturnType<typeof makeInvalidatePushToken>;
