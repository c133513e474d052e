import { randomUUID } from 'node:crypto';
import { ForbiddenError, type SystemStatus } from '@herald/client';
import { topologyNames } from '@herald/amqp';
import { waitFor } from '@herald/testkit';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

describe("the console's System screen, through the client", () => {
  const admin = heraldClient(state);

  it('shows an admin every service ready, each queue of the topology, and both workers’ breakers', async () => {
    // Other suites share the system: wait out a moment in which one of them restarts something.
    const status = await waitFor(
      async () => {
        const read = await admin.system.status();
        return read.services.every((service) => service.ready) && read;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'every service to be ready' },
    );
    expect(status.services.map((service) => service.name).sort()).toEqual(
      ['email-worker', 'gateway', 'notifications', 'push-worker', 'templates', 'users'].sort(),
    );
    const notifications = status.services.find((service) => service.name === 'notifications');
    expect(notifications?.checks).toContainEqual({ name: 'broker', ok: true, detail: null });

    const names = topologyNames(state.amqpPrefix);
    const expected = [
      names.queues.email,
      names.queues.push,
      ...names.retryQueues.map((step) => step.name),
      names.failedQueue,
    ];
    expect(status.queues.map((queue) => queue.name)).toEqual(expected);
    const queue = (name: string) =>
      status.queues.find((entry) => entry.name === name) as SystemStatus['queues'][number];
    expect(queue(names.queues.email).consumers).toBeGreaterThanOrEqual(1);
    expect(queue(names.queues.push).consumers).toBeGreaterThanOrEqual(1);

    expect(status.breakers.map(({ worker, provider }) => `${worker}/${provider}`).sort()).toEqual([
      'email-worker/email',
      'push-worker/push',
    ]);
    for (const breaker of status.breakers) expect(['CLOSED', 'OPEN', 'HALF_OPEN']).toContain(breaker.state);
    expect(Date.parse(status.checkedAt)).not.toBeNaN();
  });

  it('refuses a signed-in user who is not an admin, and a service key', async () => {
    const email = `sys.${randomUUID().slice(0, 8)}@example.com`;
    await admin.users.create({ name: 'Not An Admin', email, password: 'a long enough password' });
    const { token } = await heraldClient(state, null).login(email, 'a long enough password');
    const asUser = await heraldClient(state, { token })
      .system.status()
      .catch((error: unknown) => error);
    expect(asUser).toBeInstanceOf(ForbiddenError);

    const key = await admin.apiKeys.create(`reader-${randomUUID().slice(0, 8)}`, [
      'notifications:read',
      'users:admin',
    ]);
    const asKey = await heraldClient(state, { apiKey: key.secret })
      .system.status()
      .catch((error: unknown) => error);
    expect(asKey).toBeInstanceOf(ForbiddenError);
  });
});
