import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendRest } from '../senders';

/** Who answers the REST requests: Herald's shim, or the floor, which takes the same body. */
export interface RestServer {
  readonly name: string;
  readonly title: string;
}

export const HERALD_REST: RestServer = { name: 'rest', title: 'REST shim' };

/** Scenario 1: one REST request per notification, arriving at a fixed rate. */
export function restAtRate(
  context: ScenarioContext,
  ratePerSecond: number,
  durationMs: number,
  server: RestServer = HERALD_REST,
): ScenarioPlan {
  const name = `${server.name}-${ratePerSecond}`;
  return {
    name,
    title: `${server.title} at ${ratePerSecond}/s (open loop)`,
    parameters: { ratePerSecond, durationS: durationMs / 1000 },
    drive: (tracker) =>
      runOpenLoop({
        ratePerSecond,
        durationMs,
        send: (index, dueAt) =>
          sendRest(context.client, context.seed, tracker, planSend(context.seed, name, index), dueAt),
      }),
  };
}
