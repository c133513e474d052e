import { waitFor } from '@herald/testkit';
import { ForbiddenError, UnauthenticatedError } from '../generated/error-classes.ts';
import {
  NotificationStatusChangedDocument,
  type NotificationStatusChangedSubscription,
} from '../generated/operations.ts';
import type { SubscriptionSink, SubscriptionTransport } from '../transport/subscription-transport.ts';
import { createRepeatFilter } from './repeat-filter.ts';
import { watchSubscription } from './watch-subscription.ts';

type Data = NotificationStatusChangedSubscription;

/** A transport whose subscriptions the test drives by hand. */
function fakeTransport() {
  const subscriptions: { sink: SubscriptionSink<Data>; unsubscribed: boolean }[] = [];
  let closed = false;
  const transport: SubscriptionTransport = {
    subscribe(_request, sink) {
      const subscription = { sink: sink as SubscriptionSink<Data>, unsubscribed: false };
      subscriptions.push(subscription);
      return () => {
        subscription.unsubscribed = true;
      };
    },
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      for (const { sink } of subscriptions) sink.complete();
    },
  };
  return { transport, subscriptions };
}

function statusEvent(status: string, sequence: number | null): { data: Data } {
  return {
    data: {
      notificationStatusChanged: {
        notificationId: 'n1',
        status: status as Data['notificationStatusChanged']['status'],
        at: '2026-12-04T12:00:00.000Z',
        detail: null,
        sequence,
        notification: {} as Data['notificationStatusChanged']['notification'],
      },
    },
  };
}

function watchOver(transport: SubscriptionTransport) {
  return watchSubscription({
    transport,
    document: NotificationStatusChangedDocument,
    variables: { notificationId: 'n1' },
    toEvent: (data: Data) => data.notificationStatusChanged,
    isRepeat: createRepeatFilter(),
    reconnect: { attempts: Infinity, initialDelayMs: 1, maxDelayMs: 1 },
  });
}

async function take(watch: AsyncIterator<{ status: string }>, count: number): Promise<string[]> {
  const statuses: string[] = [];
  while (statuses.length < count) {
    const result = await watch.next();
    if (result.done) break;
    statuses.push(result.value.status);
  }
  return statuses;
}

describe('a watch', () => {
  it('yields events in order and unsubscribes when closed', async () => {
    const { transport, subscriptions } = fakeTransport();
    const watch = watchOver(transport);
    subscriptions[0]?.sink.next(statusEvent('ACCEPTED', null));
    subscriptions[0]?.sink.next(statusEvent('QUEUED', 2));
    expect(await take(watch, 2)).toEqual(['ACCEPTED', 'QUEUED']);

    const pending = watch.next();
    await watch.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(subscriptions[0]?.unsubscribed).toBe(true);
  });

  it('follows the gateway to a new stream when it ends one, without showing the current status twice', async () => {
    const { transport, subscriptions } = fakeTransport();
    const watch = watchOver(transport);
    subscriptions[0]?.sink.next(statusEvent('ACCEPTED', null));
    subscriptions[0]?.sink.next(statusEvent('QUEUED', 2));
    subscriptions[0]?.sink.complete();
    await waitFor(() => subscriptions.length === 2, { description: 'the second subscription' });
    subscriptions[1]?.sink.next(statusEvent('QUEUED', null));
    subscriptions[1]?.sink.next(statusEvent('DELIVERED', 4));

    expect(await take(watch, 3)).toEqual(['ACCEPTED', 'QUEUED', 'DELIVERED']);
    await watch.close();
  });

  it('ends, without subscribing again, when its client is closed', async () => {
    const { transport, subscriptions } = fakeTransport();
    const watch = watchOver(transport);
    await transport.close();
    expect(await watch.next()).toEqual({ done: true, value: undefined });
    expect(subscriptions).toHaveLength(1);
  });

  it('throws a refused subscription as the class of its code, after the events before it', async () => {
    const { transport, subscriptions } = fakeTransport();
    const watch = watchOver(transport);
    subscriptions[0]?.sink.next(statusEvent('ACCEPTED', null));
    subscriptions[0]?.sink.next({
      errors: [{ message: 'you may watch only your own notifications', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(await take(watch, 1)).toEqual(['ACCEPTED']);
    await expect(watch.next()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  it('throws UnauthenticatedError when the gateway refuses the credential of the connection', async () => {
    const { transport, subscriptions } = fakeTransport();
    const watch = watchOver(transport);
    subscriptions[0]?.sink.error({ code: 4403, reason: 'Forbidden' });
    await expect(watch.next()).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
