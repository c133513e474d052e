import { preferenceSkipReason, type QueuedNotification } from '@herald/contracts';
import type { Recipient } from './delivery-channel';

/**
 * Why the recipient's preferences, as they are when the worker is about to send, refuse the
 * message; undefined when they let it through. The rule is the one notifications applied at
 * accept, so only a change made since then can refuse here.
 */
export function skipReasonAtSendTime(
  recipient: Pick<Recipient, 'preferences'>,
  message: Pick<QueuedNotification, 'channel' | 'category'>,
): string | undefined {
  const reason = preferenceSkipReason(recipient.preferences, message.channel, message.category);
  return reason && `${reason} at send time`;
}
