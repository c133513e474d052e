import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import { queuedMessage } from './fixtures';
import { startWorkerProcessRig, type WorkerProcessRig } from './worker-process-rig';

const PREFETCH = 5;
const TOTAL = 20;

describe('email worker killed with SIGKILL mid-batch', () => {
  let rig: WorkerProcessRig;

  beforeAll(async () => {
    rig = await startWorkerProcessRig({ subject: 'Message {{n}}', body: 'Body {{n}}' });
  });

  afterAll(() => rig?.close());

  const delivered = () =>
    new Set(rig.peers.reports.filter((r) => r.status === 'DELIVERED').map((r) => r.notification_id));

  it('delivers every notification exactly once, counted at the sink, after a restart', async () => {
    const { sink } = rig;
    sink.hold();
    const ids = Array.from({ length: TOTAL }, () => randomUUID());
    for (const [n, id] of ids.entries()) {
      await rig.publish(queuedMessage({ notification_id: id, template_code: 'numbered', variables: { n } }));
    }

    const first = rig.startWorker({ PREFETCH: String(PREFETCH) });
    await waitFor(() => sink.heldCount() === PREFETCH, { description: 'a full batch waiting at the sink' });
    // Let one batch through; the worker acks it and takes the next batch, which waits at the sink.
    sink.release(PREFETCH);
    await waitFor(() => delivered().size === PREFETCH && sink.heldCount() === PREFETCH, {
      description: 'the first batch delivered and the second in flight',
    });

    first.kill('SIGKILL');
    await waitFor(() => sink.heldCount() === 0, { description: 'the killed worker’s connections to close' });
    expect(sink.messages).toHaveLength(PREFETCH);

    sink.release();
    rig.startWorker({ PREFETCH: String(PREFETCH) });
    await waitFor(() => delivered().size === TOTAL, {
      timeoutMs: 30_000,
      description: 'every notification delivered',
    });

    const perNotification = new Map<string, number>();
    for (const mail of sink.messages) {
      const id = ids.find((candidate) => mail.messageId.includes(candidate));
      if (id) perNotification.set(id, (perNotification.get(id) ?? 0) + 1);
    }
    expect(sink.messages).toHaveLength(TOTAL);
    expect([...perNotification.values()].every((count) => count === 1)).toBe(true);
    expect(perNotification.size).toBe(TOTAL);
  });
});
