import type { NotificationStatus } from '@herald/contracts';

// The statuses are the contracts package's; this module adds the transitions between them.
export { NOTIFICATION_STATUSES, type NotificationStatus } from '@herald/contracts';

/**
 * The transitions of docs/architecture.md, Statuses. A failure or a skip can end any unfinished
 * notification (permanent provider error, no valid device, preference found off at send time).
 * DELIVERED -> BOUNCED | COMPLAINED: a bounce report (DSN) or a complaint (ARF) about a mail the
 * relay accepted arrives later (decision 0028). Both are final: a bounced mail reached no inbox to
 * complain from, and a bounce after a complaint changes nothing the complaint did not.
 * ACCEPTED -> SENDING and SCHEDULED -> SENDING are allowed because the relay records QUEUED only
 * after the broker's confirm: a worker may already hold the message of a notification accepted,
 * or released by the scheduler, before then (a SCHEDULED one has a message only once released).
 */
const TRANSITIONS: Readonly<Record<NotificationStatus, readonly NotificationStatus[]>> = {
  ACCEPTED: ['QUEUED', 'SCHEDULED', 'SENDING', 'FAILED', 'SKIPPED'],
  SCHEDULED: ['QUEUED', 'SENDING', 'CANCELLED', 'FAILED', 'SKIPPED'],
  QUEUED: ['SENDING', 'FAILED', 'SKIPPED'],
  SENDING: ['DELIVERED', 'RETRYING', 'FAILED', 'SKIPPED'],
  RETRYING: ['SENDING', 'FAILED', 'SKIPPED'],
  DELIVERED: ['BOUNCED', 'COMPLAINED'],
  FAILED: [],
  SKIPPED: [],
  CANCELLED: [],
  BOUNCED: [],
  COMPLAINED: [],
};

export function canTransition(from: NotificationStatus, to: NotificationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
