import type { Device } from '../domain/device';
import { DEFAULT_PREFERENCES, type Preferences } from '../domain/preferences';
import type { User, UserProfile } from '../domain/user';
import type { DeviceRow } from './device.entity';
import type { PreferencesRow } from './preferences.entity';
import type { UserRow } from './user.entity';

/** The password hash stays in the store; nothing outside it needs it yet. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    role: row.role,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPreferences(row: PreferencesRow | undefined): Preferences {
  if (!row) return DEFAULT_PREFERENCES;
  return {
    email: row.email,
    push: row.push,
    optedOutCategories: row.optedOutCategories,
    quietHours: row.quietHours,
  };
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    token: row.token,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    valid: row.valid,
    invalidReason: row.invalidReason,
    lastSeenAt: row.lastSeenAt,
    createdAt: row.createdAt,
  };
}

export function toUserProfile(
  row: UserRow,
  preferences: PreferencesRow | undefined,
  devices: readonly DeviceRow[],
  emailSuppressed: boolean,
): UserProfile {
  return {
    ...toUser(row),
    preferences: toPreferences(preferences),
    devices: devices.map(toDevice),
    emailSuppressed,
  };
}
