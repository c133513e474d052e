import { describe, expect, it } from 'vitest';
import {
  NO_FILTERS,
  filterProblems,
  filtersFromSearch,
  notificationsQuery,
  searchFromFilters,
} from './notification-filters.ts';

describe('notificationsQuery', () => {
  it('asks for everything, page one, when nothing is filtered', () => {
    expect(notificationsQuery(NO_FILTERS)).toEqual({ filter: {}, page: 1, limit: 20 });
  });

  it('sends each filter that is set, the time range as instants of the browser time zone', () => {
    const filters = {
      userId: ' 3f1c0e1e-0000-4000-8000-000000000001 ',
      status: 'FAILED' as const,
      channel: 'PUSH' as const,
      from: '2026-03-01T08:00',
      to: '2026-03-02T08:00',
      page: 3,
    };
    expect(notificationsQuery(filters)).toEqual({
      filter: {
        userId: '3f1c0e1e-0000-4000-8000-000000000001',
        status: 'FAILED',
        channel: 'PUSH',
        from: new Date('2026-03-01T08:00').toISOString(),
        to: new Date('2026-03-02T08:00').toISOString(),
      },
      page: 3,
      limit: 20,
    });
  });
});

describe('the address bar', () => {
  it('holds the filters, so a filtered page reloads as it was', () => {
    const filters = { ...NO_FILTERS, status: 'DELIVERED' as const, from: '2026-03-01T08:00', page: 2 };
    const search = searchFromFilters(filters);
    expect(search.toString()).toBe('status=DELIVERED&from=2026-03-01T08%3A00&page=2');
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('ignores values that are not filters', () => {
    expect(filtersFromSearch(new URLSearchParams('status=LOST&channel=SMS&page=-4'))).toEqual(NO_FILTERS);
  });
});

describe('filterProblems', () => {
  it('refuses a range that ends before it starts', () => {
    expect(filterProblems({ ...NO_FILTERS, from: '2026-03-02T08:00', to: '2026-03-01T08:00' })).toEqual({
      to: 'Must be after "From"',
    });
    expect(filterProblems({ ...NO_FILTERS, from: '2026-03-01T08:00', to: '2026-03-02T08:00' })).toEqual({});
  });

  it('refuses a time it cannot read', () => {
    expect(filterProblems({ ...NO_FILTERS, from: 'yesterday' })).toEqual({ from: 'Not a date and time' });
  });
});
