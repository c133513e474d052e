import { randomUUID } from 'node:crypto';
import { runOpenLoop } from '../load/open-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import type { Seed } from '../seed';
import { planSend, sendRest } from '../senders';
import type { RestServer } from './rest-rate';

export const FLOOR: RestServer = { name: 'floor', title: 'Floor' };
export const BATCHED_FLOOR: RestServer = { name: 'floor-batched', title: 'Floor, batched status updates,' };

/** The floor keeps no users or templates: any user id goes, and its one template is the bench's email. */
export function floorSeed(runId: string, users: number): Seed {
  return {
    runId,
    userIds: Array.from({ length: users }, () => randomUUID()),
    emailTemplate: 'floor-email',
    pushTemplate: 'floor-push',
  };
}

/** As Herald's warm-up: the floor's first measured scenario does not pay for its cold start. */
export function floorWarmUp(context: ScenarioContext, durationMs: number): ScenarioPlan {
  const name = 'floor-warm-up';
  return {
    name,
    title: 'Floor warm-up (not reported)',
    parameters: { durationS: durationMs / 1000 },
    drive: (tracker) =>
      runOpenLoop({
        ratePerSecond: 50,
        durationMs,
        send: (index, dueAt) =>
          sendRest(context.client, context.seed, tracker, planSend(context.seed, name, index), dueAt),
      }),
  };
}
