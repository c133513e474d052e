import { performance } from 'node:perf_hooks';
import type { DeliveryLedger } from '@herald/testkit';

/** The ledger the sinks write to, which also tells when and how often each notification was seen. */
export interface SightingLedger extends DeliveryLedger {
  /** performance.now() of the first sighting at a sink; undefined until then. */
  firstSeenAt(notificationId: string): number | undefined;
  /** The ids among `ids` seen more than once, to start an investigation from. */
  seenTwice(ids: Iterable<string>): string[];
}

export function withSightings(ledger: DeliveryLedger): SightingLedger {
  const sightings = new Map<string, { first: number; count: number }>();
  return {
    ...ledger,
    see(notificationId) {
      const seen = sightings.get(notificationId);
      if (seen) seen.count += 1;
      else sightings.set(notificationId, { first: performance.now(), count: 1 });
      ledger.see(notificationId);
    },
    firstSeenAt: (notificationId) => sightings.get(notificationId)?.first,
    seenTwice: (ids) => [...ids].filter((id) => (sightings.get(id)?.count ?? 0) > 1),
  };
}
