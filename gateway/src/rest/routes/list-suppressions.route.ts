import type { PageMeta } from '@herald/paging';
import { parseRequest } from '../request-input';
import { restSuppression, type SuppressionFields } from '../rest-mappers';
import { OPERATIONS } from '../rest-operations';
import { answer, contextOf } from '../rest-responses';
import { listSuppressionsQuery } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** GET /suppressions: the emailSuppressions query, run in-process. */
export const mountListSuppressions: MountRestRoute = (router, { run, send }) => {
  router.get('/suppressions', async (req, res) => {
    const query = parseRequest(send, listSuppressionsQuery, req.query, req, res);
    if (!query) return;
    const result = await run<{ emailSuppressions: { items: SuppressionFields[]; meta: PageMeta } }>(
      OPERATIONS.emailSuppressions,
      { page: query.page, limit: query.limit },
      contextOf(res),
    );
    answer(res, result, ({ emailSuppressions }) => ({
      status: 200,
      message: 'suppressed email addresses',
      data: emailSuppressions.items.map(restSuppression),
      meta: emailSuppressions.meta,
    }));
  });
};
