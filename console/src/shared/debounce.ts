/** What a debouncer needs of the clock: the browser's timers, or a test's fake ones. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Debouncer<T> {
  /** Runs `run(value)` once `delayMs` passed without another push. */
  push(value: T): void;
  /** Drops what is pending (the view went away). */
  cancel(): void;
}

export function createDebouncer<T>(
  delayMs: number,
  run: (value: T) => void,
  timers: Timers = globalThis as unknown as Timers,
): Debouncer<T> {
  let pending: unknown;
  const cancel = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
  };
  return {
    push(value) {
      cancel();
      pending = timers.setTimeout(() => {
        pending = undefined;
        run(value);
      }, delayMs);
    },
    cancel,
  };
}
