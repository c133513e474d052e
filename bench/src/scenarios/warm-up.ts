import { performance } from 'node:perf_hooks';
import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendBulk, sendGraphQL, sendRest } from '../senders';

/**
 * Not a scenario: light traffic on every path the scenarios use (REST, GraphQL, bulk, email and
 * push), delivered before the first measurement, so that no scenario pays for JIT compilation,
 * cold caches and connections still opening. Its figures are not reported.
 */
export function warmUp(context: ScenarioContext, durationMs: number): ScenarioPlan {
  const name = 'warm-up';
  return {
    name,
    title: 'Warm-up (not reported)',
    parameters: { durationS: durationMs / 1000 },
    drive: async (tracker) => {
      await runOpenLoop({
        ratePerSecond: 50,
        durationMs,
        send: (index, dueAt) => {
          const send = planSend(context.seed, name, index, index % 4 === 3 ? 'push' : 'email');
          return index % 2 === 0
            ? sendRest(context.client, context.seed, tracker, send, dueAt)
            : sendGraphQL(context.client, context.seed, tracker, send);
        },
      });
      const bulk = Array.from({ length: 100 }, (_, item) => planSend(context.seed, `${name}-bulk`, item));
      await sendBulk(context.client, context.seed, tracker, bulk, performance.now());
    },
  };
}
