import type { RequestOptions } from '@herald/client';
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { useSession } from '../session/session-context.tsx';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again (after a change the view made). */
  readonly reload: () => void;
}

/**
 * Runs a client call for a view, again when `deps` change, aborting the one in flight when they
 * do or the view goes away. A refused credential ends the session.
 */
export function useLoad<T>(load: (options: RequestOptions) => Promise<T>, deps: DependencyList): Loaded<T> {
  const { endIfRefused } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load({ signal: abort.signal }).then(
      (data) => {
        if (!abort.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (abort.signal.aborted || endIfRefused(error)) return;
        setState({ data: undefined, error, loading: false });
      },
    );
    return () => abort.abort();
    // The caller's deps decide when to load again; `load` is a new closure at each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation, endIfRefused]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

/** Runs an action from a button or a form, with its pending state and error. */
export function useAction<A extends unknown[], T>(
  action: (...args: A) => Promise<T>,
): { run: (...args: A) => Promise<T | undefined>; pending: boolean; error: unknown; reset: () => void } {
  const { endIfRefused } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (...args: A) => {
    setPending(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (caught) {
      if (!endIfRefused(caught)) setError(caught);
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error, reset: () => setError(undefined) };
}
