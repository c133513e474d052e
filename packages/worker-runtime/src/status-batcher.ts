import type { ReportedStatus, StatusChange, StatusReceipt, StatusReporter } from './delivery-peers';

export interface StatusBatcherOptions {
  /** How long a report waits for others to join its batch. */
  readonly flushMs: number;
  /**
   * How long a terminal report (DELIVERED, FAILED, SKIPPED) may wait for a batch that goes
   * anyway, the next claim's: at a low rate that makes one batch per notification instead of
   * two. Nothing is decided on its receipt but the ack of its message, so only the ack waits.
   */
  readonly terminalLingerMs: number;
  /** Reports per batch; a full batch goes at once. */
  readonly maxBatch: number;
  /**
   * Batches under way at once. Beyond it, reports wait for one to answer and then go together:
   * under load batches grow instead of multiplying, and each costs the status service one set
   * of round trips to PostgreSQL whatever its size.
   */
  readonly maxInFlight: number;
}

/** Reports after which the worker does nothing but ack its message. */
const TERMINAL: ReadonlySet<ReportedStatus> = new Set(['DELIVERED', 'FAILED', 'SKIPPED']);

/**
 * Collects the reports of concurrent deliveries into one batch per flush. Each caller still gets
 * its own receipt (the batch answers in order); a failed batch fails every report in it, as a
 * single call would have. A flush takes every report waiting, lingering ones included.
 */
export function createStatusBatcher(
  /** Answers each report in order: its receipt, or the error that report alone met. */
  reportBatch: (changes: readonly StatusChange[]) => Promise<readonly (StatusReceipt | Error)[]>,
  { flushMs, terminalLingerMs, maxBatch, maxInFlight }: StatusBatcherOptions,
): StatusReporter & { flush(): Promise<void> } {
  type Pending = {
    change: StatusChange;
    /** When it goes at the latest (ms since the epoch), unless the bound holds it. */
    due: number;
    resolve: (receipt: StatusReceipt) => void;
    reject: (error: unknown) => void;
  };
  const pending: Pending[] = [];
  /** When the earliest waiting report is due (ms since the epoch); the timer fires then. */
  let dueAt = Infinity;
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
  /** Sends everything waiting, as far as the bound allows; the rest goes when a batch answers. */
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    dueAt = Infinity;
    while (pending.length > 0 && inFlight.size < maxInFlight) {
      const batch = pending.splice(0, maxBatch);
      const call: Promise<void> = send(batch).finally(() => {
        inFlight.delete(call);
        // What waited for the bound goes now; what is not yet due keeps waiting.
        if (pending.length > 0) schedule(Math.min(...pending.map((entry) => entry.due)));
      });
      inFlight.add(call);
    }
  };
  const schedule = (due: number) => {
    if (due >= dueAt) return;
    if (timer) clearTimeout(timer);
    dueAt = due;
    timer = setTimeout(flush, Math.max(0, due - Date.now()));
  };

  return {
    report: (change) =>
      new Promise<StatusReceipt>((resolve, reject) => {
        const due = Date.now() + (TERMINAL.has(change.status) ? terminalLingerMs : flushMs);
        pending.push({ change, due, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else schedule(due);
      }),
    flush: async () => {
      flush();
      while (inFlight.size > 0 || pending.length > 0) {
        await Promise.allSettled([...inFlight]);
        flush();
      }
    },
  };
}
