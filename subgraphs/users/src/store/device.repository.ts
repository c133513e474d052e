import type { DataSource, EntityManager } from 'typeorm';
import type { Device, NewDevice } from '../domain/device';
import type { DeviceRepository, RegisteredDevice } from '../use-cases/ports';
import { DeviceEntity } from './device.entity';
import { isUuid } from './is-uuid';
import { toDevice } from './user.mapper';

export function createDeviceRepository(db: DataSource): DeviceRepository {
  return {
    /**
     * Registers a device for the user in one transaction, or refreshes lastSeenAt (and revalidates)
     * when the user already has this token or endpoint. A token held by another user moves here:
     * a push token addresses one installation, and the latest sign-in on it owns it.
     */
    registerDevice(userId: string, device: NewDevice, at: Date): Promise<RegisteredDevice> {
      return db.transaction(async (manager) => {
        const previousOwners = await releaseFromOthers(manager, userId, device);
        const target = device.kind === 'FCM' ? 'token' : 'endpoint';
        await manager
          .createQueryBuilder()
          .insert()
          .into(DeviceEntity)
          .values({
            userId,
            kind: device.kind,
            token: device.kind === 'FCM' ? device.token : null,
            endpoint: device.kind === 'WEB_PUSH' ? device.endpoint : null,
            p256dh: device.kind === 'WEB_PUSH' ? device.p256dh : null,
            auth: device.kind === 'WEB_PUSH' ? device.auth : null,
            lastSeenAt: at,
          })
          .orUpdate(
            ['last_seen_at', 'valid', 'invalid_reason', 'invalidated_at', 'p256dh', 'auth'],
            ['user_id', target],
          )
          .execute();
        // orUpdate sets columns from EXCLUDED: valid true, reason and invalidation cleared, keys refreshed.
        const row = await manager
          .getRepository(DeviceEntity)
          .findOneByOrFail(
            device.kind === 'FCM' ? { userId, token: device.token } : { userId, endpoint: device.endpoint },
          );
        return { device: toDevice(row), previousOwners };
      });
    },

    async findDevice(id: string): Promise<Device | undefined> {
      if (!isUuid(id)) return undefined;
      const row = await db.getRepository(DeviceEntity).findOneBy({ id });
      return row ? toDevice(row) : undefined;
    },

    async deleteDevice(id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const result = await db.getRepository(DeviceEntity).delete({ id });
      return (result.affected ?? 0) > 0;
    },

    /**
     * Marks the user's still-valid device with this FCM token or Web Push endpoint invalid, with
     * the provider's reason; resolves true when one changed.
     */
    async invalidateToken(userId: string, token: string, reason: string, at: Date): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const result = await db
        .createQueryBuilder()
        .update(DeviceEntity)
        .set({ valid: false, invalidReason: reason, invalidatedAt: at })
        .where('user_id = :userId AND valid AND (token = :token OR endpoint = :token)', { userId, token })
        .execute();
      return (result.affected ?? 0) > 0;
    },
  };
}

async function releaseFromOthers(
  manager: EntityManager,
  userId: string,
  device: NewDevice,
): Promise<string[]> {
  const [column, value] = device.kind === 'FCM' ? ['token', device.token] : ['endpoint', device.endpoint];
  const result = await manager
    .createQueryBuilder()
    .delete()
    .from(DeviceEntity)
    .where(`${column} = :value AND user_id <> :userId`, { value, userId })
    .returning('user_id')
    .execute();
  return [...new Set((result.raw as { user_id: string }[]).map((row) => row.user_id))];
}
