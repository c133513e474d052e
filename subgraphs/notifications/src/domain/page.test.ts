import { offsetOf, pageMeta } from './page';

describe('pages', () => {
  it('describes a middle page', () => {
    expect(pageMeta(25, { page: 2, limit: 10 })).toEqual({
      total: 25,
      limit: 10,
      page: 2,
      totalPages: 3,
      hasNext: true,
      hasPrevious: true,
    });
    expect(offsetOf({ page: 2, limit: 10 })).toBe(10);
  });

  it('describes an empty result', () => {
    expect(pageMeta(0, { page: 1, limit: 10 })).toMatchObject({ totalPages: 0, hasNext: false, hasPrevious: false });
  });
});
