import type { ScenarioTracker } from '../deliveries';
import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendGraphQL, sendRest, type Send } from '../senders';

/** Sends one planned notification; the latency of its answer counts from `dueAt`, when it was due. */
export type SendDue = (
  context: ScenarioContext,
  tracker: ScenarioTracker,
  send: Send,
  dueAt: number,
) => Promise<void>;

export const sendDueOverRest: SendDue = (context, tracker, send, dueAt) =>
  sendRest(context.client, context.seed, tracker, send, dueAt);

const sendDueOverGraphQL: SendDue = (context, tracker, send, dueAt) =>
  sendGraphQL(context.client, context.seed, tracker, send, { since: dueAt });

/** What answers the requests, and how each notification is sent to it. */
export interface Endpoint {
  readonly name: string;
  readonly title: string;
  readonly sendDue: SendDue;
}

export const HERALD_REST: Endpoint = { name: 'rest', title: 'REST shim', sendDue: sendDueOverRest };
export const HERALD_GRAPHQL: Endpoint = {
  name: 'graphql',
  title: 'GraphQL sendNotification',
  sendDue: sendDueOverGraphQL,
};

/** The open-loop load of a scenario: its notifications, planned under its name, at a fixed rate. */
export interface RateLoad {
  readonly scenario: string;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly sendDue: SendDue;
}

/** Sends one notification per tick at the load's rate for its duration, whatever the answers do. */
export function offerAtRate(
  context: ScenarioContext,
  tracker: ScenarioTracker,
  load: RateLoad,
): Promise<void> {
  const { scenario, ratePerSecond, durationMs, sendDue } = load;
  return runOpenLoop({
    ratePerSecond,
    durationMs,
    send: (index, dueAt) => sendDue(context, tracker, planSend(context.seed, scenario, index), dueAt),
  });
}

/**
 * Scenario 1 over REST, and over GraphQL to compare with the floor at the same rate: one request
 * per notification, arriving at a fixed rate.
 */
export function atRate(
  context: ScenarioContext,
  endpoint: Endpoint,
  ratePerSecond: number,
  durationMs: number,
): ScenarioPlan {
  const name = `${endpoint.name}-${ratePerSecond}`;
  return {
    name,
    title: `${endpoint.title} at ${ratePerSecond}/s (open loop)`,
    parameters: { ratePerSecond, durationS: durationMs / 1000 },
    drive: (tracker) =>
      offerAtRate(context, tracker, { scenario: name, ratePerSecond, durationMs, sendDue: endpoint.sendDue }),
  };
}
