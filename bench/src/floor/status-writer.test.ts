import { BATCH_SIZE, BATCH_WAIT_MS, createBatchedWriter, type DeliveryStatus } from './status-writer';

function recordingWriter(fail?: Error) {
  const writes: { ids: string[]; statuses: DeliveryStatus[] }[] = [];
  const writer = createBatchedWriter(async (ids, statuses) => {
    writes.push({ ids, statuses });
    if (fail) throw fail;
  });
  return { writer, writes };
}

describe('the batched floor status writer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes a full batch at once, in one statement', async () => {
    const { writer, writes } = recordingWriter();
    const recorded = Array.from({ length: BATCH_SIZE }, (_, index) => writer.record(`n${index}`, 'SENDING'));
    await Promise.all(recorded);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.ids).toHaveLength(BATCH_SIZE);
  });

  it('writes a partial batch once its wait is over, and not before', async () => {
    const { writer, writes } = recordingWriter();
    const recorded = Promise.all([writer.record('a', 'SENDING'), writer.record('b', 'DELIVERED')]);
    jest.advanceTimersByTime(BATCH_WAIT_MS - 1);
    expect(writes).toHaveLength(0);
    jest.advanceTimersByTime(1);
    await recorded;
    expect(writes).toEqual([{ ids: ['a', 'b'], statuses: ['SENDING', 'DELIVERED'] }]);
  });

  it('fails every update of a batch whose statement failed', async () => {
    const { writer } = recordingWriter(new Error('connection lost'));
    const recorded = [writer.record('a', 'SENDING'), writer.record('b', 'SENDING')];
    jest.advanceTimersByTime(BATCH_WAIT_MS);
    await expect(recorded[0]).rejects.toThrow('connection lost');
    await expect(recorded[1]).rejects.toThrow('connection lost');
  });
});
