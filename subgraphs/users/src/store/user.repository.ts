import { In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '@herald/database';
import type { NewDevice } from '../domain/device';
import type { NewUser, ProfileChanges, UserProfile } from '../domain/user';
import type {
  InsertUserResult,
  UpdateProfileResult,
  UserCredentials,
  UserPage,
  UserRepository,
} from '../use-cases/ports';
import { DeviceEntity, type DeviceRow } from './device.entity';
import { findActiveSuppressedAddresses, suppressedAddressKey } from './email-suppression.repository';
import { isUuid } from './is-uuid';
import { PreferencesEntity } from './preferences.entity';
import { UserEntity, type UserRow } from './user.entity';
import { toUserProfile } from './user.mapper';

/** Users with their preferences and devices (one aggregate: they are created and read together). */
export function createUserRepository(db: DataSource): UserRepository {
  return {
    /** Inserts the user, their preferences and first devices in one transaction. */
    async insertUser(newUser: NewUser): Promise<InsertUserResult> {
      try {
        const profile = await db.transaction(async (manager) => {
          const user = await manager.getRepository(UserEntity).save({
            email: newUser.email,
            name: newUser.name,
            locale: newUser.locale,
            passwordHash: newUser.passwordHash,
            role: newUser.role,
          });
          await manager.getRepository(PreferencesEntity).insert({
            userId: user.id,
            email: newUser.preferences.email,
            push: newUser.preferences.push,
            optedOutCategories: [...newUser.preferences.optedOutCategories],
            quietHours: newUser.preferences.quietHours,
          });
          if (newUser.devices.length > 0) {
            await manager
              .getRepository(DeviceEntity)
              .insert(newUser.devices.map((device) => deviceRow(user.id, device)));
          }
          const [created] = await findProfiles(manager, [user.id]);
          if (!created) throw new Error(`user ${user.id} vanished inside its own transaction`);
          return created;
        });
        return { kind: 'created', profile };
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) return { kind: 'email-taken' };
        throw error;
      }
    },

    /** The profiles of the existing users among `ids`, in the order asked; unknown or malformed ids are left out. */
    findProfiles: (ids: readonly string[]): Promise<UserProfile[]> => findProfiles(db.manager, ids),

    async findCredentials(email: string): Promise<UserCredentials | undefined> {
      const row = await db.getRepository(UserEntity).findOneBy({ email });
      return row ? { id: row.id, role: row.role, passwordHash: row.passwordHash } : undefined;
    },

    /** Changes name, email or locale; the email stays unique. */
    async updateProfile(userId: string, changes: ProfileChanges): Promise<UpdateProfileResult> {
      if (!isUuid(userId)) return { kind: 'not-found' };
      const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      try {
        return await db.transaction(async (manager) => {
          if (Object.keys(set).length > 0) {
            const result = await manager.getRepository(UserEntity).update({ id: userId }, set);
            if (result.affected === 0) return { kind: 'not-found' } as const;
          }
          const [profile] = await findProfiles(manager, [userId]);
          return profile ? ({ kind: 'updated', profile } as const) : ({ kind: 'not-found' } as const);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) return { kind: 'email-taken' };
        throw error;
      }
    },

    /** Oldest first, so pages stay stable while users are added. */
    async findPage(offset: number, limit: number): Promise<UserPage> {
      const [rows, total] = await db.getRepository(UserEntity).findAndCount({
        order: { createdAt: 'ASC', id: 'ASC' },
        skip: offset,
        take: limit,
      });
      return { profiles: await attachDetails(db.manager, rows), total };
    },
  };
}

async function findProfiles(manager: EntityManager, ids: readonly string[]): Promise<UserProfile[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  const rows = await manager.getRepository(UserEntity).findBy({ id: In(wanted) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return attachDetails(
    manager,
    wanted.flatMap((id) => byId.get(id) ?? []),
  );
}

async function attachDetails(manager: EntityManager, rows: readonly UserRow[]): Promise<UserProfile[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [preferences, devices, suppressed] = await Promise.all([
    manager.getRepository(PreferencesEntity).findBy({ userId: In(ids) }),
    manager
      .getRepository(DeviceEntity)
      .find({ where: { userId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    findActiveSuppressedAddresses(manager, ids),
  ]);
  const preferencesByUser = new Map(preferences.map((row) => [row.userId, row]));
  const devicesByUser = new Map<string, DeviceRow[]>();
  for (const device of devices)
    devicesByUser.set(device.userId, [...(devicesByUser.get(device.userId) ?? []), device]);
  return rows.map((row) =>
    toUserProfile(
      row,
      preferencesByUser.get(row.id),
      devicesByUser.get(row.id) ?? [],
      suppressed.has(suppressedAddressKey(row.id, row.email)),
    ),
  );
}

function deviceRow(userId: string, device: NewDevice): Partial<DeviceRow> {
  return device.kind === 'FCM'
    ? { userId, kind: 'FCM', token: device.token }
    : { userId, kind: 'WEB_PUSH', endpoint: device.endpoint, p256dh: device.p256dh, auth: device.auth };
}
