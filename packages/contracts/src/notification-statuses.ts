/** The statuses of a notification on its way (docs/architecture.md, Statuses): each has a time bound. */
export const UNSETTLED_STATUSES = ['ACCEPTED', 'SCHEDULED', 'QUEUED', 'SENDING', 'RETRYING'] as const;

/**
 * The statuses in which a notification is settled: no worker sends it, the relay does not
 * publish it and the sweeper does not bound it. DELIVERED is settled yet not final: a bounce or
 * complaint about the mail may still move it to BOUNCED or COMPLAINED (decision 0028).
 * Notifications decides its lifecycle with it; a worker drops a message whose notification is settled.
 */
export const SETTLED_STATUSES = [
  'DELIVERED',
  'FAILED',
  'SKIPPED',
  'CANCELLED',
  'BOUNCED',
  'COMPLAINED',
] as const;

/**
 * Every status of a notification's lifecycle, in lifecycle order. The GraphQL enum, the REST
 * shim's lower-case names and the notifications service's transitions all follow this list.
 */
export const NOTIFICATION_STATUSES = [...UNSETTLED_STATUSES, ...SETTLED_STATUSES] as const;

export type UnsettledStatus = (typeof UNSETTLED_STATUSES)[number];
export type SettledStatus = (typeof SETTLED_STATUSES)[number];
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

const SETTLED: ReadonlySet<string> = new Set(SETTLED_STATUSES);
const UNSETTLED: ReadonlySet<string> = new Set(UNSETTLED_STATUSES);

/** Whether a status, as any service reads it (a string off the wire included), is settled. */
export function isSettled(status: string): status is SettledStatus {
  return SETTLED.has(status);
}

/** Whether a status, as any service reads it, is on its way; a string that is no status is neither. */
export function isUnsettled(status: string): status is UnsettledStatus {
  return UNSETTLED.has(status);
}
