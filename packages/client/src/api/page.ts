import type { PageMetaFieldsFragment } from '../generated/operations.ts';

/** One page of a list: its items and where it sits (total, page, hasNext …). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly meta: PageMetaFieldsFragment;
}
