import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';
import type { Loaded } from './use-load.ts';

/** One loaded item: its error, "Loading…" until it comes, `missing` when there is none, else the item. */
export function LoadedItem<T>({
  loaded,
  missing,
  children,
}: {
  readonly loaded: Loaded<T | null>;
  readonly missing: ReactNode;
  readonly children: (item: T) => ReactNode;
}) {
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (loaded.data === undefined) return <p role="status">Loading…</p>;
  if (loaded.data === null) return <p>{missing}</p>;
  return children(loaded.data);
}
