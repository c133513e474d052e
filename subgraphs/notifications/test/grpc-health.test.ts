import { createGrpcHealthClient, waitFor, type GrpcHealthClient } from '@herald/testkit';
import { startNotifications, welcome, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id } }
}`;
const STATUS_SERVICE = 'herald.v1.NotificationStatusService';

describe('notifications grpc.health.v1 on shutdown', () => {
  let service: RunningNotifications;
  let health: GrpcHealthClient;
  let releaseRelay: () => void = () => undefined;
  let relayHeld = false;

  beforeAll(async () => {
    const released = new Promise<void>((resolve) => (releaseRelay = resolve));
    service = await startNotifications({
      overrides: {
        // Holds the relay's pass, and with it the stop: the gRPC server closes only after the relay.
        beforeRelayRecord: async () => {
          relayHeld = true;
          await released;
        },
      },
    });
    health = createGrpcHealthClient(`127.0.0.1:${service.ports.grpc}`);
  });

  afterAll(async () => {
    releaseRelay();
    health.close();
    await service.stop();
  });

  it('answers NOT_SERVING as soon as stop begins, while its gRPC server still takes calls', async () => {
    expect(await health.check('')).toBe('SERVING');
    expect(await health.check(STATUS_SERVICE)).toBe('SERVING');
    expect(await health.check('herald.v1.NotificationService')).toBe('SERVING');
    const watch = health.watch(STATUS_SERVICE);
    await waitFor(() => watch.statuses.length > 0, { description: 'the first Watch answer' });
    await service.graphql(SEND, { input: welcome() });
    await waitFor(() => relayHeld, { description: 'the relay to hold its pass' });

    const stopped = service.stop();

    await waitFor(() => watch.statuses.includes('NOT_SERVING'), { description: 'NOT_SERVING on Watch' });
    expect(await health.check(STATUS_SERVICE)).toBe('NOT_SERVING');
    expect(await health.check('')).toBe('NOT_SERVING');
    releaseRelay();
    await stopped;
    expect(watch.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(watch.ended).toBe(true);
  });
});
