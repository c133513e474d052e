import { runClosedLoop } from '../load/closed-loop';
import type { ScenarioContext, ScenarioPlan } from '../scenario';
import { planSend, sendGraphQL, type Channel } from '../senders';

const PRIORITIES = [1, 5, 9] as const;

/**
 * Scenario 4: email and push alternately, at three priorities, closed loop. Delivery latency is
 * reported per channel and priority: under a backlog, priority 9 should overtake priority 1.
 */
export function mixedChannels(context: ScenarioContext, clients: number, durationMs: number): ScenarioPlan {
  return {
    name: 'mixed',
    title: `Mixed email + push, priorities ${PRIORITIES.join('/')}, ${clients} clients`,
    parameters: { clients, durationS: durationMs / 1000, priorities: PRIORITIES.join(',') },
    drive: (tracker) =>
      runClosedLoop({
        clients,
        durationMs,
        send: (index) => {
          const channel: Channel = index % 2 === 0 ? 'email' : 'push';
          const priority = PRIORITIES[Math.floor(index / 2) % PRIORITIES.length]!;
          const send = planSend(context.seed, 'mixed', index, channel, priority);
          return sendGraphQL(context.client, context.seed, tracker, send, {
            group: `${channel} p${priority}`,
          });
        },
      }),
  };
}
