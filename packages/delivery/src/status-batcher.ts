import type { StatusChange, StatusReceipt, StatusReporter } from './delivery-peers';

export interface StatusBatcherOptions {
  /** How long a report waits for others to join its batch. */
  readonly flushMs: number;
  /** Reports per call; a full batch goes at once. */
  readonly maxBatch: number;
  /**
   * Calls under way at once. Beyond it, reports wait for a call to answer and then go together:
   * under load batches grow instead of the calls multiplying, and each costs the status service
   * one set of round trips to PostgreSQL whatever its size.
   */
  readonly maxInFlight: number;
}

/**
 * Collects the reports of concurrent deliveries into one ReportStatusBatch call per flush.
 * Each caller still gets its own receipt (the batch answers in order); a failed call fails
 * every report in it, as a single call would have.
 */
export function createStatusBatcher(
  /** Answers each report in order: its receipt, or the error that report alone met. */
  reportBatch: (changes: readonly StatusChange[]) => Promise<readonly (StatusReceipt | Error)[]>,
  { flushMs, maxBatch, maxInFlight }: StatusBatcherOptions,
): StatusReporter & { flush(): Promise<void> } {
  type Pending = {
    change: StatusChange;
    resolve: (receipt: StatusReceipt) => void;
    reject: (error: unknown) => void;
  };
  const pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = async (batch: Pending[]) => {
    try {
      const receipts = await reportBatch(batch.map((entry) => entry.change));
      batch.forEach((entry, index) => {
        const receipt = receipts[index];
        if (receipt === undefined) entry.reject(new Error('the batch answered fewer results than reports'));
        else if (receipt instanceof Error) entry.reject(receipt);
        else entry.resolve(receipt);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (pending.length > 0 && inFlight.size < maxInFlight) {
      const batch = pending.splice(0, maxBatch);
      const call: Promise<void> = send(batch).finally(() => {
        inFlight.delete(call);
        flush();
      });
      inFlight.add(call);
    }
  };

  return {
    report: (change) =>
      new Promise<StatusReceipt>((resolve, reject) => {
        pending.push({ change, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else timer ??= setTimeout(flush, flushMs);
      }),
    flush: async () => {
      flush();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
