import { runClosedLoop } from '../load/closed-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendGraphQL } from '../senders';

/** Scenario 2: GraphQL sendNotification, `clients` callers each waiting for its answer. */
export function graphqlClosedLoop(
  context: ScenarioContext,
  clients: number,
  durationMs: number,
): ScenarioPlan {
  return {
    name: 'graphql',
    title: `GraphQL sendNotification, ${clients} clients (closed loop)`,
    parameters: { clients, durationS: durationMs / 1000 },
    drive: (tracker) =>
      runClosedLoop({
        clients,
        durationMs,
        send: (index) =>
          sendGraphQL(context.client, context.seed, tracker, planSend(context.seed, 'graphql', index)),
      }),
  };
}
