export interface StatusEventKey {
  readonly notificationId: string;
  readonly status: string;
  readonly sequence: number | null;
}

/** Notifications whose last event a watch remembers; older ones are forgotten first. */
const REMEMBERED = 1_000;

/**
 * Whether an event was already yielded. A resubscribed watch gets the notification's current
 * status again (sequence null): shown already when nothing changed meanwhile. A sequenced event
 * at or below the last one seen is a repeat too.
 */
export function createRepeatFilter(): (event: StatusEventKey) => boolean {
  const last = new Map<string, { status: string; sequence: number | null }>();
  return (event) => {
    const seen = last.get(event.notificationId);
    const repeated =
      seen !== undefined &&
      (event.sequence === null
        ? event.status === seen.status
        : seen.sequence !== null && event.sequence <= seen.sequence);
    if (repeated) return true;
    last.delete(event.notificationId);
    last.set(event.notificationId, {
      status: event.status,
      sequence: event.sequence ?? seen?.sequence ?? null,
    });
    if (last.size > REMEMBERED) last.delete(last.keys().next().value as string);
    return false;
  };
}
