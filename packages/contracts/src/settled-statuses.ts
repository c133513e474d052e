/**
 * The statuses in which a notification is settled (ARCHITECTURE.md §5): no worker sends it, the
 * relay does not publish it and the sweeper does not bound it. DELIVERED is settled yet not final:
 * a bounce or complaint about the mail may still move it to BOUNCED or COMPLAINED (decision 0028).
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

export type SettledStatus = (typeof SETTLED_STATUSES)[number];
