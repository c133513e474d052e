import type { DeliveryChannel } from './delivery-channel';
import { createDeliveryHandler } from './delivery-handler';
import type { DeliveryPeers } from './delivery-peers';
import type { DeliveryResult } from './delivery-metrics';

function handlerCounting(counted: DeliveryResult[]) {
  const channel: DeliveryChannel = {
    name: 'email',
    send: async () => ({ kind: 'delivered', providerMessageId: 'm1' }),
    close: async () => undefined,
  };
  const unused = async (): Promise<never> => {
    throw new Error('not called when parsing');
  };
  const peers: DeliveryPeers = {
    statuses: { report: unused },
    users: { getUser: unused },
    templates: { render: unused },
  };
  return createDeliveryHandler({
    channel,
    peers,
    maxAttempts: 5,
    claimLeaseMs: 10_000,
    metrics: { count: (result) => counted.push(result) },
  });
}

describe('createDeliveryHandler', () => {
  it('counts a message that fails the queue schema as unparseable before the runtime dead-letters it', () => {
    const counted: DeliveryResult[] = [];
    const handler = handlerCounting(counted);

    expect(() => handler.parse({ notification_id: 'not-a-uuid' })).toThrow();
    expect(counted).toEqual(['unparseable']);
  });
});
