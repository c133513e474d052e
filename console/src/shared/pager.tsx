import type { Page } from '@herald/client';

/** Previous / next for a paged list, with where the reader is. */
export function Pager({ meta, onPage }: { meta: Page<unknown>['meta']; onPage: (page: number) => void }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={!meta.hasPrevious} onClick={() => onPage(meta.page - 1)}>
        Previous page
      </button>
      <span aria-live="polite">
        Page {meta.page} of {Math.max(meta.totalPages, 1)} ({meta.total} in all)
      </span>
      <button type="button" disabled={!meta.hasNext} onClick={() => onPage(meta.page + 1)}>
        Next page
      </button>
    </nav>
  );
}
