import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from '@herald/testkit';
import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendRest } from '../senders';
import { percentiles } from '../stats';

const WATCH = `subscription ($userId: ID) {
  notificationStatusChanged(userId: $userId) { notificationId status at }
}`;
/** Connections opened at once: a burst of 1,000 handshakes measures the accept queue, not Herald. */
const CONNECT_BATCH = 50;

interface StatusEvent {
  readonly notificationId: string;
  readonly status: string;
  readonly at: string;
}

interface Subscriber {
  readonly client: Client;
  readonly delivered: Set<string>;
}

/**
 * Scenario 5: `subscribers` graphql-ws clients, spread evenly over the seeded users, each
 * watching one user's notifications while REST traffic arrives at `ratePerSecond`. Every
 * subscriber should see DELIVERED for each of its user's notifications; lag is from the
 * event's `at` to its arrival.
 */
export function subscribersDuringRest(
  context: ScenarioContext,
  options: { subscribers: number; ratePerSecond: number; durationMs: number },
): ScenarioPlan {
  const { subscribers, ratePerSecond, durationMs } = options;
  const users = context.seed.userIds;
  const perUser = subscribers / users.length;
  if (!Number.isInteger(perUser)) throw new Error('subscribers must be a multiple of the seeded users');
  return {
    name: 'subscribers',
    title: `${subscribers} graphql-ws subscribers during REST at ${ratePerSecond}/s`,
    parameters: { subscribers, ratePerSecond, durationS: durationMs / 1000, subscribersPerUser: perUser },
    drive: async (tracker) => {
      const lagsMs: number[] = [];
      let events = 0;
      let closedEarly = 0;
      let connected = 0;
      const wsUrl = `${context.target.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
      const open: Subscriber[] = [];
      for (let start = 0; start < subscribers; start += CONNECT_BATCH) {
        const batch = Array.from({ length: Math.min(CONNECT_BATCH, subscribers - start) }, (_, offset) => {
          const index = start + offset;
          return new Promise<void>((ready) => {
            const delivered = new Set<string>();
            const client = createClient({
              url: wsUrl,
              webSocketImpl: WebSocket,
              connectionParams: { authorization: context.target.adminApiKey },
              retryAttempts: 0,
              lazy: false,
              on: {
                connected: () => {
                  connected += 1;
                  ready();
                },
                closed: () => ready(),
              },
            });
            open.push({ client, delivered });
            client.subscribe<{ notificationStatusChanged: StatusEvent }>(
              { query: WATCH, variables: { userId: users[index % users.length] } },
              {
                next: ({ data }) => {
                  const event = data?.notificationStatusChanged;
                  if (!event) return;
                  events += 1;
                  lagsMs.push(Date.now() - Date.parse(event.at));
                  if (event.status === 'DELIVERED') delivered.add(event.notificationId);
                },
                error: () => (closedEarly += 1),
                complete: () => undefined,
              },
            );
          });
        });
        await Promise.all(batch);
      }
      context.log(`  ${connected} of ${subscribers} subscribers connected`);
      await runOpenLoop({
        ratePerSecond,
        durationMs,
        send: (index, dueAt) =>
          sendRest(
            context.client,
            context.seed,
            tracker,
            planSend(context.seed, 'subscribers', index),
            dueAt,
          ),
      });
      await tracker.waitForDeliveries(30_000).catch(() => undefined);
      const seenDelivered = () => open.reduce((sum, subscriber) => sum + subscriber.delivered.size, 0);
      // Every delivery seen at a sink should reach each of its user's subscribers.
      const expected = () => tracker.report().delivered * perUser;
      await waitFor(() => seenDelivered() >= expected(), {
        timeoutMs: 15_000,
        description: 'DELIVERED at every subscriber',
      }).catch(() => undefined);
      const received = seenDelivered();
      await Promise.all(open.map(({ client }) => client.dispose()));
      return {
        subscribersConnected: connected,
        subscriberErrors: closedEarly,
        eventsReceived: events,
        deliveredEventsExpected: expected(),
        deliveredEventsReceived: received,
        eventLagMs: percentiles(lagsMs),
      };
    },
  };
}
