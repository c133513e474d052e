import type { DataSource } from 'typeorm';
import { DeviceEntity } from './device.entity';
import { isUuid } from './is-uuid';

export function createDeviceRepository(db: DataSource) {
  return {
    /**
     * Marks the user's still-valid device with this FCM token or Web Push endpoint invalid;
     * resolves true when one changed.
     */
    async invalidateToken(userId: string, token: string): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const result = await db
        .createQueryBuilder()
        .update(DeviceEntity)
        .set({ valid: false })
        .where('user_id = :userId AND valid AND (token = :token OR endpoint = :token)', { userId, token })
        .execute();
      return (result.affected ?? 0) > 0;
    },
  };
}

export type DeviceRepository = ReturnType<typeof createDeviceRepository>;
