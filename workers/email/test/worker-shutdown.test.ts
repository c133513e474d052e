import { createInterface } from 'node:readline';
import { waitFor } from '@herald/testkit';
import { queuedMessage, welcomeTemplate } from './fixtures';
import { startWorkerProcessRig, type WorkerProcessRig } from './worker-process-rig';

describe('email worker given SIGTERM mid-delivery', () => {
  let rig: WorkerProcessRig;

  beforeAll(async () => {
    rig = await startWorkerProcessRig(welcomeTemplate);
  });

  afterAll(() => rig?.close());

  /** Messages in email.queue that nobody holds: an unacked one is back here once its consumer is gone. */
  const waitingInQueue = async () => {
    const channel = await rig.broker.connection.createChannel();
    try {
      return (await channel.checkQueue(rig.broker.names.queues.email)).messageCount;
    } finally {
      await channel.close();
    }
  };

  it('takes nothing new, finishes the send under way, records it, acks it and exits 0', async () => {
    const { sink, peers } = rig;
    sink.hold();
    const inFlight = queuedMessage();
    await rig.publish(inFlight);
    const worker = rig.startWorker({ LOG_LEVEL: 'info' }, ['ignore', 'pipe', 'ignore']);
    const logLines: string[] = [];
    createInterface({ input: worker.stdout! }).on('line', (line) => logLines.push(line));
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    await waitFor(() => sink.heldCount() === 1, { description: 'the send to wait at the SMTP server' });

    worker.kill('SIGTERM');
    await waitFor(() => logLines.some((line) => line.includes('"message":"shutting down"')), {
      description: 'the worker to start shutting down',
    });
    // Published while the worker drains: it stays in the queue for the next worker.
    const later = queuedMessage();
    await rig.publish(later);
    sink.release();

    expect(await exited).toBe(0);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.messageId).toContain(inFlight.notification_id);
    expect(peers.statusesOf(inFlight.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    expect(peers.statusesOf(later.notification_id)).toEqual([]);
    // Acked: only the later message is left, so nothing is delivered twice or lost.
    expect(await waitingInQueue()).toBe(1);
  });
});
