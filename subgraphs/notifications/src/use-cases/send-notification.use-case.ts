import { isHeraldError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { requireScope, SCOPES, type Caller } from '@herald/identity';
import type { AcceptNotifications, SendResult } from './accept-notifications';
import { sendNotificationInput } from './prepare-notification';

export interface SendNotificationCommand {
  /** SendNotificationInput as the entry point received it; validated here. */
  readonly input: unknown;
  /** Needs notifications:send (or admin); its identity id is the sender idempotency is keyed by. */
  readonly caller: Caller;
  readonly correlationId: string;
}

export type SendNotification = (command: SendNotificationCommand) => Promise<SendResult>;

/** One send: a batch of one, its error thrown. */
export function makeSendNotification(acceptMany: AcceptNotifications): SendNotification {
  return async ({ input: raw, caller, correlationId }) => {
    const sender = requireScope(caller, SCOPES.notificationsSend).id;
    const input = parseInput(sendNotificationInput, raw);
    const [outcome] = await acceptMany({ sender, correlationId, inputs: [input] });
    if (!outcome) throw new Error(`request ${input.requestId} got no outcome`);
    if (isHeraldError(outcome)) throw outcome;
    return outcome;
  };
}
