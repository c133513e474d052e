import { pageMeta, pageOffset } from './page';

describe('paging', () => {
  it('skips the earlier pages', () => {
    expect(pageOffset({ page: 1, limit: 10 })).toBe(0);
    expect(pageOffset({ page: 3, limit: 25 })).toBe(50);
  });

  it('describes a middle page', () => {
    expect(pageMeta(45, { page: 2, limit: 10 })).toEqual({
      total: 45,
      limit: 10,
      page: 2,
      totalPages: 5,
      hasNext: true,
      hasPrevious: true,
    });
  });

  it('describes an empty result and a page past the end', () => {
    expect(pageMeta(0, { page: 1, limit: 10 })).toMatchObject({
      totalPages: 0,
      hasNext: false,
      hasPrevious: false,
    });
    expect(pageMeta(5, { page: 4, limit: 10 })).toMatchObject({
      totalPages: 1,
      hasNext: false,
      hasPrevious: true,
    });
  });
});
