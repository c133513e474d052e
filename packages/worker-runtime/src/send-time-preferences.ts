import { preferenceSkipReason, suppressionSkipReason, type QueuedNotification } from '@herald/contracts';
import type { Recipient } from './delivery-channel';

/**
 * Why the recipient, as they are when the worker is about to send, refuses the message: a
 * suppressed address (`suppressed`, as at accept), then their preferences; undefined when they
 * let it through. The rules are the ones notifications applied at accept, so only a change made
 * since then can refuse here.
 */
export function skipReasonAtSendTime(
  recipient: Pick<Recipient, 'preferences' | 'emailSuppressed'>,
  message: Pick<QueuedNotification, 'channel' | 'category'>,
): string | undefined {
  const suppressed = suppressionSkipReason(recipient.emailSuppressed, message.channel);
  if (suppressed) return suppressed;
  const reason = preferenceSkipReason(recipient.preferences, message.channel, message.category);
  return reason && `${reason} at send time`;
}
