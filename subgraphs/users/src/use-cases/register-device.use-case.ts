import { NotFoundError } from '@herald/errors';
import type { Device, NewDevice } from '../domain/device';
import type { CachedProfiles, DeviceRepository, UserRepository } from './ports';

export function makeRegisterDevice({
  users,
  devices,
  profiles,
  now,
}: {
  readonly users: Pick<UserRepository, 'findProfiles'>;
  readonly devices: Pick<DeviceRepository, 'registerDevice'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  readonly now: () => Date;
}) {
  /** Registers the device, or refreshes lastSeenAt when the user already has this token or endpoint. */
  return async function registerDevice(userId: string, device: NewDevice): Promise<Device> {
    const [user] = await users.findProfiles([userId]);
    if (!user) throw new NotFoundError(`user ${userId} not found`, { id: userId });
    const registered = await devices.registerDevice(user.id, device, now());
    await profiles.forget(user.id, ...registered.previousOwners);
    return registered.device;
  };
}

export type RegisterDevice = ReturnType<typeof makeRegisterDevice>;
