import type { NotificationDetail, NotificationStatusEvent } from '@herald/client';
import { describe, expect, it } from 'vitest';
import { applyStatusEvent, mergeTimeline } from './timeline.ts';

const fetched: NotificationDetail = {
  id: 'n-1',
  requestId: 'r-1',
  channel: 'EMAIL',
  status: 'QUEUED',
  statusDetail: null,
  priority: 5,
  attempts: 0,
  templateVersion: 1,
  locale: 'en',
  category: null,
  sendAt: null,
  scheduledFor: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:01.000Z',
  user: { id: 'u-1', email: 'ada@example.com', name: 'Ada' },
  template: { code: 'welcome' },
  variables: { name: 'Ada' },
  metadata: null,
  events: [
    { status: 'ACCEPTED', detail: null, at: '2026-03-01T10:00:00.000Z' },
    { status: 'QUEUED', detail: null, at: '2026-03-01T10:00:01.000Z' },
  ],
};

function event(
  status: NotificationStatusEvent['status'],
  at: string,
  sequence: number | null,
  changes: Partial<NotificationStatusEvent['notification']> = {},
): NotificationStatusEvent {
  return {
    notificationId: 'n-1',
    status,
    at,
    detail: null,
    sequence,
    notification: { ...fetched, status, updatedAt: at, ...changes },
  };
}

describe('applyStatusEvent', () => {
  it('adds a live event to the timeline and moves the status on', () => {
    const delivered = applyStatusEvent(
      applyStatusEvent(fetched, event('SENDING', '2026-03-01T10:00:02.000Z', 3, { attempts: 1 })),
      event('DELIVERED', '2026-03-01T10:00:03.000Z', 4, { attempts: 1 }),
    );
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.attempts).toBe(1);
    expect(delivered.events.map((entry) => entry.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
    ]);
  });

  it('shows the opening current-status event of a subscription once, when the fetch already had it', () => {
    const opened = applyStatusEvent(fetched, event('QUEUED', '2026-03-01T10:00:01.000Z', null));
    expect(opened.events).toBe(fetched.events);
    expect(opened.status).toBe('QUEUED');
  });

  it('keeps an event that arrived before the fetch answered in its place, once', () => {
    const raced = event('QUEUED', '2026-03-01T10:00:01.000Z', 2);
    expect(applyStatusEvent(fetched, raced).events).toHaveLength(2);
  });

  it('keeps the newer status when an older event arrives late', () => {
    const delivered = applyStatusEvent(fetched, event('DELIVERED', '2026-03-01T10:00:03.000Z', 4));
    const late = applyStatusEvent(delivered, event('SENDING', '2026-03-01T10:00:02.000Z', 3));
    expect(late.status).toBe('DELIVERED');
    expect(late.events.map((entry) => entry.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED']);
  });
});

describe('mergeTimeline', () => {
  it('adds the opening event when the status changed while nobody watched', () => {
    const merged = mergeTimeline(fetched.events, {
      status: 'FAILED',
      at: '2026-03-01T10:05:00.000Z',
      detail: 'mailbox full',
      sequence: null,
    });
    expect(merged.at(-1)).toEqual({
      status: 'FAILED',
      detail: 'mailbox full',
      at: '2026-03-01T10:05:00.000Z',
    });
  });

  it('keeps a retried status that happened again later', () => {
    const retried = mergeTimeline(
      [...fetched.events, { status: 'RETRYING', detail: 'timeout', at: '2026-03-01T10:00:02.000Z' }],
      { status: 'RETRYING', at: '2026-03-01T10:00:05.000Z', detail: 'timeout', sequence: 5 },
    );
    expect(retried.filter((entry) => entry.status === 'RETRYING')).toHaveLength(2);
  });
});
