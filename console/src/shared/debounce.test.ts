import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from './debounce.ts';

describe('createDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once with the last value after typing pauses', () => {
    const previews: string[] = [];
    const debouncer = createDebouncer(300, (draft: string) => previews.push(draft));

    debouncer.push('H');
    vi.advanceTimersByTime(200);
    debouncer.push('He');
    vi.advanceTimersByTime(200);
    debouncer.push('Hello');
    expect(previews).toEqual([]);

    vi.advanceTimersByTime(300);
    expect(previews).toEqual(['Hello']);
  });

  it('runs again for a change after the pause', () => {
    const previews: string[] = [];
    const debouncer = createDebouncer(300, (draft: string) => previews.push(draft));
    debouncer.push('Hi');
    vi.advanceTimersByTime(300);
    debouncer.push('Hi!');
    vi.advanceTimersByTime(300);
    expect(previews).toEqual(['Hi', 'Hi!']);
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const debouncer = createDebouncer(300, run);
    debouncer.push('Hi');
    debouncer.cancel();
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
  });
});
