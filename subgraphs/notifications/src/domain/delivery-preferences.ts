import type { Channel } from './notification';

export interface DeliveryPreferences {
  readonly email: boolean;
  readonly push: boolean;
  readonly optedOutCategories: readonly string[];
}

/** Why the user does not want this notification, or undefined when it may be sent. */
export function skipReasonFor(
  preferences: DeliveryPreferences,
  channel: Channel,
  category: string | null | undefined,
): string | undefined {
  if (channel === 'EMAIL' && !preferences.email) return 'user turned email notifications off';
  if (channel === 'PUSH' && !preferences.push) return 'user turned push notifications off';
  if (category && preferences.optedOutCategories.includes(category))
    return `user opted out of category "${category}"`;
  return undefined;
}
