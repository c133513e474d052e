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

/** The skip reason of a send to a suppressed address (docs/architecture.md, Statuses), at accept and at send time. */
export const SUPPRESSED_SKIP_REASON = 'suppressed';

/**
 * `suppressed` when the notification is an email and the recipient's current address is on the
 * suppression list (a hard bounce, a complaint, repeated soft bounces); push is unaffected.
 * Checked before the preferences, at accept and again at send time.
 */
export function suppressionSkipReason(emailSuppressed: boolean, channel: RoutingKey): string | undefined {
  return channel === 'email' && emailSuppressed ? SUPPRESSED_SKIP_REASON : undefined;
}
