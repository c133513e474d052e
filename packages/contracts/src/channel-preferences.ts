import type { RoutingKey } from './queue-message';

/** A user's delivery switches, as the users service keeps them (GetUser's Preferences). */
export interface ChannelPreferences {
  readonly email: boolean;
  readonly push: boolean;
  readonly optedOutCategories: readonly string[];
}

/**
 * Why the user's preferences refuse a notification, or undefined when they let it through.
 * Notifications applies it when accepting and the workers again when sending, so both decide
 * alike and a change made in between is honoured. No category is exempt: a user may opt out
 * of any of them (only quiet hours spare the critical ones).
 */
export function preferenceSkipReason(
  preferences: ChannelPreferences,
  channel: RoutingKey,
  category: string | null | undefined,
): string | undefined {
  if (!preferences[channel]) return `user turned ${channel} notifications off`;
  if (category && preferences.optedOutCategories.includes(category))
    return `user opted out of category "${category}"`;
  return undefined;
}
