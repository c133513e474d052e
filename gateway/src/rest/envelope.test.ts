import { pageMeta } from '@herald/paging';
import { errorEnvelope, successEnvelope } from './envelope';

describe('the REST envelope', () => {
  it('gives a single object the meta of a page of one', () => {
    expect(successEnvelope({ user_id: 'u1' }, 'user created')).toEqual({
      success: true,
      data: { user_id: 'u1' },
      error: null,
      message: 'user created',
      meta: { total: 1, limit: 1, page: 1, total_pages: 1, has_next: false, has_previous: false },
    });
  });

  it('gives a list the meta of its page in snake_case', () => {
    expect(successEnvelope([], 'notifications', pageMeta(25, { page: 3, limit: 10 })).meta).toEqual({
      total: 25,
      limit: 10,
      page: 3,
      total_pages: 3,
      has_next: false,
      has_previous: true,
    });
  });

  it('names an error by its code, with an empty page and the bad fields in details', () => {
    const issues = [{ field: 'user_id', message: 'must be a UUID' }];
    expect(
      errorEnvelope({ code: 'BAD_USER_INPUT', message: 'the request is invalid', issues }, 'corr-1'),
    ).toEqual({
      success: false,
      data: null,
      error: 'BAD_USER_INPUT',
      message: 'the request is invalid',
      meta: { total: 0, limit: 1, page: 1, total_pages: 0, has_next: false, has_previous: false },
      details: { fields: issues },
    });
  });

  it('shows the correlation id on an internal error only', () => {
    expect(errorEnvelope({ code: 'INTERNAL', message: 'internal error' }, 'corr-2').details).toEqual({
      correlation_id: 'corr-2',
    });
    expect(errorEnvelope({ code: 'NOT_FOUND', message: 'not found' }, 'corr-3')).not.toHaveProperty(
      'details',
    );
  });
});
