import type { Channel } from './notification';
import type { QuietHours } from './quiet-hours';

export interface DeliveryPreferences {
  readonly email: boolean;
  readonly push: boolean;
  readonly optedOutCategories: readonly string[];
  readonly quietHours: QuietHours | null;
}

/** What the send decision needs to know about the recipient. */
export interface DeliveryProfile {
  readonly preferences: DeliveryPreferences;
  /** At least one push device the providers have not rejected. */
  readonly hasValidPushDevice: boolean;
}

/** Why the user does not want (or cannot get) this notification, or undefined when it may be sent. */
export function skipReasonFor(
  profile: DeliveryProfile,
  channel: Channel,
  category: string | null | undefined,
): string | undefined {
  const { preferences } = profile;
  if (channel === 'EMAIL' && !preferences.email) return 'user turned email notifications off';
  if (channel === 'PUSH' && !preferences.push) return 'user turned push notifications off';
  if (category && preferences.optedOutCategories.includes(category))
    return `user opted out of category "${category}"`;
  if (channel === 'PUSH' && !profile.hasValidPushDevice) return 'user has no valid push device';
  return undefined;
}
