import { parseRequest } from '../request-input';
import { OPERATIONS } from '../rest-operations';
import { answer, contextOf } from '../rest-responses';
import { loginBody } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** POST /auth/login: the login mutation, run in-process. */
export const mountLogin: MountRestRoute = (router, { run, send, jsonBody }) => {
  router.post('/auth/login', ...jsonBody, async (req, res) => {
    const body = parseRequest(send, loginBody, req.body, req, res);
    if (!body) return;
    const result = await run<{
      login: { token: string; expiresAt: string; user: { id: string; name: string; email: string } };
    }>(OPERATIONS.login, { email: body.email, password: body.password }, contextOf(res));
    answer(res, result, ({ login }) => ({
      status: 200,
      message: 'signed in',
      data: {
        token: login.token,
        expires_at: login.expiresAt,
        user: { user_id: login.user.id, name: login.user.name, email: login.user.email },
      },
    }));
  });
};
