import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendGraphQL } from '../senders';

/** GraphQL sendNotification arriving at a fixed rate: comparable with the floor at the same rate. */
export function graphqlAtRate(
  context: ScenarioContext,
  ratePerSecond: number,
  durationMs: number,
): ScenarioPlan {
  const name = `graphql-${ratePerSecond}`;
  return {
    name,
    title: `GraphQL sendNotification at ${ratePerSecond}/s (open loop)`,
    parameters: { ratePerSecond, durationS: durationMs / 1000 },
    drive: (tracker) =>
      runOpenLoop({
        ratePerSecond,
        durationMs,
        send: (index, dueAt) =>
          sendGraphQL(context.client, context.seed, tracker, planSend(context.seed, name, index), {
            since: dueAt,
          }),
      }),
  };
}
