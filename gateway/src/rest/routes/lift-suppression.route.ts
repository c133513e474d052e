import { parseRequest } from '../request-input';
import { OPERATIONS } from '../rest-operations';
import { answer, contextOf } from '../rest-responses';
import { userIdParams } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** DELETE /suppressions/:user_id: the liftEmailSuppression mutation, run in-process. */
export const mountLiftSuppression: MountRestRoute = (router, { run, send }) => {
  router.delete('/suppressions/:user_id', async (req, res) => {
    const params = parseRequest(send, userIdParams, req.params, req, res);
    if (!params) return;
    const result = await run<{ liftEmailSuppression: boolean }>(
      OPERATIONS.liftEmailSuppression,
      { userId: params.user_id },
      contextOf(res),
    );
    answer(res, result, ({ liftEmailSuppression: lifted }) => ({
      status: 200,
      message: lifted ? 'suppression lifted; email is sent to the address again' : 'nothing was suppressed',
      data: { user_id: params.user_id, lifted },
    }));
  });
};
