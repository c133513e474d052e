import { preferenceSkipReason, suppressionSkipReason, type ChannelPreferences } from '@herald/contracts';
import type { Channel } from './notification';
import { routingKeyFor } from './queue-message';
import type { QuietHours } from './quiet-hours';

export interface DeliveryPreferences extends ChannelPreferences {
  readonly quietHours: QuietHours | null;
}

/** What the send decision needs to know about the recipient. */
export interface DeliveryProfile {
  readonly preferences: DeliveryPreferences;
  /** At least one push device the providers have not rejected. */
  readonly hasValidPushDevice: boolean;
  /** The current email address is on the users service's suppression list. */
  readonly emailSuppressed: boolean;
}

/**
 * Why the user does not want (or cannot get) this notification, or undefined when it may be
 * sent: a suppressed address, then the preference rule (both of which the workers apply again at
 * send time), then the push devices.
 */
export function skipReasonFor(
  profile: DeliveryProfile,
  channel: Channel,
  category: string | null | undefined,
): string | undefined {
  const routingKey = routingKeyFor(channel);
  const refused =
    suppressionSkipReason(profile.emailSuppressed, routingKey) ??
    preferenceSkipReason(profile.preferences, routingKey, category);
  if (refused) return refused;
  if (channel === 'PUSH' && !profile.hasValidPushDevice) return 'user has no valid push device';
  return undefined;
}
