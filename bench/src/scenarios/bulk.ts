import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendBulk } from '../senders';

/**
 * Scenario 3: sendNotifications with `batch` items per call, at `perSecond` notifications a
 * second (open loop): whether delivery keeps up with that arrival rate for the whole run.
 */
export function bulkSustained(
  context: ScenarioContext,
  options: { batch: number; perSecond: number; durationMs: number },
): ScenarioPlan {
  const { batch, perSecond, durationMs } = options;
  return {
    name: 'bulk',
    title: `Bulk sendNotifications, ${batch} per call, ${perSecond}/s offered`,
    parameters: { batch, offeredPerSecond: perSecond, durationS: durationMs / 1000 },
    drive: (tracker) =>
      runOpenLoop({
        ratePerSecond: perSecond / batch,
        durationMs,
        send: (call, dueAt) => {
          const sends = Array.from({ length: batch }, (_, item) =>
            planSend(context.seed, 'bulk', call * batch + item),
          );
          return sendBulk(context.client, context.seed, tracker, sends, dueAt);
        },
      }),
  };
}
