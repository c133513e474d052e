import type { Device, DeviceKind } from '../domain/device';
import type { Preferences, QuietHours } from '../domain/preferences';

/** The GraphQL `Preferences` shape. */
export interface PreferencesObject {
  readonly email: boolean;
  readonly push: boolean;
  readonly optedOutCategories: readonly string[];
  readonly quietHours: QuietHours | null;
}

/** The GraphQL `Device` shape: push tokens and keys never leave through the API. */
export interface DeviceObject {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly valid: boolean;
  readonly invalidReason: string | null;
  readonly lastSeenAt: Date | null;
}

export function presentPreferences(preferences: Preferences): PreferencesObject {
  return {
    email: preferences.email,
    push: preferences.push,
    optedOutCategories: preferences.optedOutCategories,
    quietHours: preferences.quietHours,
  };
}

export function presentDevice(device: Device): DeviceObject {
  return {
    id: device.id,
    kind: device.kind,
    valid: device.valid,
    invalidReason: device.invalidReason,
    lastSeenAt: device.lastSeenAt,
  };
}
