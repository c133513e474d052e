import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendRest } from '../senders';

/** Scenario 1: one REST request per notification, arriving at a fixed rate. */
export function restAtRate(
  context: ScenarioContext,
  ratePerSecond: number,
  durationMs: number,
): ScenarioPlan {
  const name = `rest-${ratePerSecond}`;
  return {
    name,
    title: `REST shim at ${ratePerSecond}/s (open loop)`,
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
