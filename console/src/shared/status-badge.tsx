import type { NotificationStatus } from '@herald/client';

/** A status in words with a class per outcome; the colour only repeats what the word says. */
export function StatusBadge({ status }: { readonly status: NotificationStatus }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}
