import { randomUUID } from 'node:crypto';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import type { Seed } from '../seed';
import { offerAtRate, sendDueOverRest, type Endpoint } from './at-rate';

/** The floor takes the body of Herald's REST shim. */
export const FLOOR: Endpoint = { name: 'floor', title: 'Floor', sendDue: sendDueOverRest };
export const BATCHED_FLOOR: Endpoint = {
  name: 'floor-batched',
  title: 'Floor, batched status updates,',
  sendDue: sendDueOverRest,
};

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
      offerAtRate(context, tracker, {
        scenario: name,
        ratePerSecond: 50,
        durationMs,
        sendDue: FLOOR.sendDue,
      }),
  };
}
