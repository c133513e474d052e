import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from '@herald/testkit';
import { createScenarioTracker } from '../deliveries';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendRest } from '../senders';
import { percentiles } from '../stats';
import { offerAtRate, sendDueOverRest } from './at-rate';

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

interface SubscriberState {
  readonly delivered: Set<string>;
  /** Has seen an event of its user's probe: its subscription is live on the server. */
  live: boolean;
}

interface Subscriber {
  readonly client: Client;
  /** The watched user's index in the seed. */
  readonly user: number;
  readonly state: SubscriberState;
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
  const events: { notificationId: string; lagMs: number }[] = [];
  const open: Subscriber[] = [];
  const probe = createScenarioTracker();
  let closedEarly = 0;
  let connected = 0;
  let live = 0;
  const watch = (user: number) =>
    new Promise<void>((ready) => {
      const state: SubscriberState = { delivered: new Set(), live: false };
      const client = createClient({
        url: `${context.target.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
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
      open.push({ client, user, state });
      client.subscribe<{ notificationStatusChanged: StatusEvent }>(
        { query: WATCH, variables: { userId: users[user] } },
        {
          next: ({ data }) => {
            const event = data?.notificationStatusChanged;
            if (!event) return;
            if (probe.tracker.owns(event.notificationId)) state.live = true;
            // Kept whole: settle counts only the scenario's own, not a late delivery of an earlier one.
            events.push({ notificationId: event.notificationId, lagMs: Date.now() - Date.parse(event.at) });
            if (event.status === 'DELIVERED') state.delivered.add(event.notificationId);
          },
          error: () => (closedEarly += 1),
          complete: () => undefined,
        },
      );
    });
  return {
    name: 'subscribers',
    title: `${subscribers} graphql-ws subscribers during REST at ${ratePerSecond}/s`,
    parameters: { subscribers, ratePerSecond, durationS: durationMs / 1000, subscribersPerUser: perUser },
    prepare: async () => {
      for (let start = 0; start < subscribers; start += CONNECT_BATCH) {
        const count = Math.min(CONNECT_BATCH, subscribers - start);
        await Promise.all(
          Array.from({ length: count }, (_, offset) => watch((start + offset) % users.length)),
        );
      }
      context.log(`  ${connected} of ${subscribers} subscribers connected`);
      live = await confirmLive(context, probe, open);
      context.log(`  ${live} of ${subscribers} subscriptions live`);
    },
    drive: (tracker) =>
      offerAtRate(context, tracker, {
        scenario: 'subscribers',
        ratePerSecond,
        durationMs,
        sendDue: sendDueOverRest,
      }),
    settle: async (tracker) => {
      // Ownership is read now: a status event can reach its subscriber before the bench has read
      // the answer that accepted the notification.
      const owned = (subscriber: Subscriber) =>
        [...subscriber.state.delivered].filter((id) => tracker.owns(id)).length;
      const seenDelivered = () => open.reduce((sum, subscriber) => sum + owned(subscriber), 0);
      // Every delivery seen at a sink should reach each of its user's subscribers.
      const expected = () => tracker.report().delivered * perUser;
      await waitFor(() => seenDelivered() >= expected(), {
        timeoutMs: 15_000,
        description: 'DELIVERED at every subscriber',
      }).catch(() => undefined);
      const received = seenDelivered();
      await Promise.all(open.map(({ client }) => client.dispose()));
      const measuredEvents = events.filter((event) => tracker.owns(event.notificationId));
      return {
        subscribersConnected: connected,
        subscriptionsLive: live,
        subscriberErrors: closedEarly,
        eventsReceived: measuredEvents.length,
        deliveredEventsExpected: expected(),
        deliveredEventsReceived: received,
        eventLagMs: percentiles(measuredEvents.map((event) => event.lagMs)),
      };
    },
  };
}

/**
 * A connected client's subscription starts on the server a moment later, and the events before
 * that are not its to see. A notification to each user whose subscribers have not all seen one
 * yet, outside the scenario's own figures, again every second, shows when every subscription is
 * live; the measured traffic starts after that.
 */
async function confirmLive(
  context: ScenarioContext,
  probe: ReturnType<typeof createScenarioTracker>,
  open: readonly Subscriber[],
): Promise<number> {
  context.target.deliveries?.use(probe.tracker, probe.ledger);
  const live = () => open.filter((subscriber) => subscriber.state.live).length;
  let sent = 0;
  await waitFor(
    async () => {
      const waiting = new Set(open.filter(({ state }) => !state.live).map(({ user }) => user));
      if (waiting.size === 0) return true;
      await Promise.all(
        [...waiting].map((user) => {
          const send = { ...planSend(context.seed, 'subscribers-probe', sent++), index: user };
          return sendRest(context.client, context.seed, probe.tracker, send, performance.now());
        }),
      );
      return false;
    },
    { timeoutMs: 30_000, intervalMs: 1_000, description: 'every subscription live' },
  ).catch(() => undefined);
  return live();
}
