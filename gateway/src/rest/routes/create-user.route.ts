import { parseRequest } from '../request-input';
import { restUser, type UserFields } from '../rest-mappers';
import { OPERATIONS } from '../rest-operations';
import { answer, contextOf } from '../rest-responses';
import { createUserBody } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** POST /users: the createUser mutation, run in-process. */
export const mountCreateUser: MountRestRoute = (router, { run, send, jsonBody }) => {
  router.post('/users', ...jsonBody, async (req, res) => {
    const body = parseRequest(send, createUserBody, req.body, req, res);
    if (!body) return;
    const result = await run<{ createUser: UserFields }>(
      OPERATIONS.createUser,
      {
        input: {
          name: body.name,
          email: body.email,
          password: body.password,
          ...(body.push_token ? { pushToken: body.push_token } : {}),
          ...(body.preferences ? { preferences: body.preferences } : {}),
        },
      },
      contextOf(res),
    );
    answer(res, result, ({ createUser }) => ({
      status: 201,
      message: 'user created',
      data: restUser(createUser),
    }));
  });
};
