import { pageMeta, pageOffset } from './page';

describe('pageMeta', () => {
  it('describes a middle page', () => {
    expect(pageMeta(25, { page: 2, limit: 10 })).toEqual({
      total: 25,
      limit: 10,
      page: 2,
      totalPages: 3,
      hasNext: true,
      hasPrevious: true,
    });
  });

  it('describes an empty list as zero pages with no neighbours', () => {
    expect(pageMeta(0, { page: 1, limit: 10 })).toMatchObject({
      totalPages: 0,
      hasNext: false,
      hasPrevious: false,
    });
  });

  it('skips the rows of the earlier pages', () => {
    expect(pageOffset({ page: 3, limit: 20 })).toBe(40);
  });
});
