import type { NotificationDetail, NotificationStatusEvent } from '@herald/client';

export type TimelineEntry = NotificationDetail['events'][number];

/**
 * Applies a live status event to the fetched notification: its status and counters follow the
 * event's snapshot, and the event joins the timeline in time order. An event already on the
 * timeline (the same status at the same instant, or the opening "current status" event of a
 * (re)subscription repeating the last entry) leaves it as it is, so a resubscription or an
 * event that raced the fetch never shows twice.
 */
export function applyStatusEvent(
  notification: NotificationDetail,
  event: NotificationStatusEvent,
): NotificationDetail {
  const events = mergeTimeline(notification.events, event);
  const snapshot = event.notification;
  const newer = Date.parse(snapshot.updatedAt) >= Date.parse(notification.updatedAt);
  if (!newer && events === notification.events) return notification;
  return {
    ...notification,
    ...(newer
      ? {
          status: snapshot.status,
          statusDetail: snapshot.statusDetail,
          attempts: snapshot.attempts,
          templateVersion: snapshot.templateVersion,
          locale: snapshot.locale,
          scheduledFor: snapshot.scheduledFor,
          updatedAt: snapshot.updatedAt,
        }
      : {}),
    events,
  };
}

export function mergeTimeline(
  timeline: readonly TimelineEntry[],
  event: Pick<NotificationStatusEvent, 'status' | 'at' | 'detail' | 'sequence'>,
): readonly TimelineEntry[] {
  const at = Date.parse(event.at);
  const last = timeline[timeline.length - 1];
  if (event.sequence === null && last?.status === event.status) return timeline;
  if (timeline.some((entry) => entry.status === event.status && Date.parse(entry.at) === at)) return timeline;
  const entry: TimelineEntry = { status: event.status, detail: event.detail, at: event.at };
  const before = timeline.filter((existing) => Date.parse(existing.at) <= at);
  const after = timeline.filter((existing) => Date.parse(existing.at) > at);
  return [...before, entry, ...after];
}
