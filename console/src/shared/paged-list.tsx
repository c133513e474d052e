import type { Page } from '@herald/client';
import type { ReactNode } from 'react';
import { Pager } from './pager.tsx';
import type { Loaded } from './use-load.ts';

/** A loaded page of a list: its rows, a sentence when there are none, and the pager. */
export function PagedList<T>({
  loaded,
  empty,
  onPage,
  children,
}: {
  readonly loaded: Loaded<Page<T>>;
  readonly empty: string;
  readonly onPage: (page: number) => void;
  readonly children: (items: readonly T[]) => ReactNode;
}) {
  if (!loaded.data) return loaded.loading ? <p role="status">Loading…</p> : null;
  return (
    <>
      {children(loaded.data.items)}
      {loaded.data.items.length === 0 ? <p>{empty}</p> : null}
      <Pager meta={loaded.data.meta} onPage={onPage} />
    </>
  );
}
