import { NotFoundError } from '@herald/errors';
import type { Device } from '../domain/device';
import type { CachedProfiles, DeviceRepository } from './ports';

export function makeFindDevice({ devices }: { readonly devices: Pick<DeviceRepository, 'findDevice'> }) {
  return async function findDevice(id: string): Promise<Device> {
    const device = await devices.findDevice(id);
    if (!device) throw new NotFoundError(`device ${id} not found`, { id });
    return device;
  };
}

export function makeRemoveDevice({
  devices,
  profiles,
}: {
  readonly devices: Pick<DeviceRepository, 'deleteDevice'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
}) {
  /** The caller was authorised for the device's owner; resolves false when it was already gone. */
  return async function removeDevice(device: Device): Promise<boolean> {
    const removed = await devices.deleteDevice(device.id);
    await profiles.forget(device.userId);
    return removed;
  };
}

export type FindDevice = ReturnType<typeof makeFindDevice>;
export type RemoveDevice = ReturnType<typeof makeRemoveDevice>;
