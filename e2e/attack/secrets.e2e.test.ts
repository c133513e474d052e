import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@herald/testkit';
import { admin, createApiKey, dataFrom, graphql, request, state, type HttpAnswer } from './attack-kit';
import { createTally } from './attack-report';
import { subscribe } from './graphql-ws-client';

const tally = createTally('secrets', state.logDir);
afterAll(() => tally.save());

/** Every request of this file carries this prefix in its correlation id, so its log lines can be awaited. */
const marker = `secrets-${randomUUID()}`;
const tagged = (headers: Record<string, string> = {}) => ({ ...headers, 'x-correlation-id': marker });

const CREATE_USER = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';
const LOGIN =
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

/** Secrets this file creates or sends; none may appear in a log or in an answer not meant to carry it. */
const secret = (label: string) => `${label}-${randomUUID()}`;

describe('secrets stay out of error answers and logs', () => {
  const email = `secrets.${randomUUID().slice(0, 8)}@example.com`;
  const password = secret('password');
  const attempted = {
    wrongPassword: secret('wrong-password'),
    invalidSignUp: secret('signup-password'),
    unknownFieldSignUp: secret('unknown-field-password'),
    restSignUp: secret('rest-password'),
    restLogin: secret('rest-login-password'),
  };
  let token: string;
  let apiKey: string;
  const answers: HttpAnswer[] = [];

  /** The answer must not repeat any of `secrets`. */
  const expectNoEcho = (answer: HttpAnswer, secrets: readonly string[], description: string) =>
    tally.attempt(`no secret echoed: ${description}`, () => {
      for (const value of secrets) expect(answer.text).not.toContain(value);
    });

  beforeAll(async () => {
    dataFrom(await graphql(CREATE_USER, { input: { name: 'Secretive', email, password } }, tagged(admin)));
    token = dataFrom<{ login: { token: string } }>(await graphql(LOGIN, { email, password }, tagged(admin)))
      .login.token;
    apiKey = await createApiKey('secrets', ['notifications:read']);
  });

  it('does not echo passwords in refusals', async () => {
    const cases: [string, Promise<HttpAnswer>, string][] = [
      [
        'wrong password',
        graphql(LOGIN, { email, password: attempted.wrongPassword }, tagged(admin)),
        attempted.wrongPassword,
      ],
      [
        'sign-up with an invalid email',
        graphql(
          CREATE_USER,
          { input: { name: 'x', email: 'not-an-email', password: attempted.invalidSignUp } },
          tagged(admin),
        ),
        attempted.invalidSignUp,
      ],
      [
        'sign-up with an unknown field',
        graphql(
          CREATE_USER,
          {
            input: {
              name: 'x',
              email: `u.${randomUUID().slice(0, 8)}@example.com`,
              password: attempted.unknownFieldSignUp,
              nickname: 'x',
            },
          },
          tagged(admin),
        ),
        attempted.unknownFieldSignUp,
      ],
      [
        'REST sign-up with an invalid email',
        request('POST', '/api/v1/users', {
          json: { name: 'x', email: 'nope', password: attempted.restSignUp },
          headers: tagged(admin),
        }),
        attempted.restSignUp,
      ],
      [
        'REST login with a wrong password',
        request('POST', '/api/v1/auth/login', {
          json: { email, password: attempted.restLogin },
          headers: tagged(admin),
        }),
        attempted.restLogin,
      ],
    ];
    for (const [description, pending, value] of cases) {
      const answer = await pending;
      answers.push(answer);
      await expectNoEcho(answer, [value, password], description);
    }
  });

  it('does not echo a tampered credential in its 401', async () => {
    const tamperedToken = `${token}x`;
    const tamperedKey = `${apiKey}x`;
    const cases: [string, HttpAnswer][] = [
      [
        'tampered JWT',
        await graphql('{ me { id } }', {}, tagged({ authorization: `Bearer ${tamperedToken}` })),
      ],
      ['tampered API key', await graphql('{ me { id } }', {}, tagged({ 'x-api-key': tamperedKey }))],
      [
        'tampered JWT over REST',
        await request('GET', '/api/v1/notifications', {
          headers: tagged({ authorization: `Bearer ${tamperedToken}` }),
        }),
      ],
    ];
    for (const [description, answer] of cases) {
      answers.push(answer);
      await tally.attempt(`refused: ${description}`, () => expect(answer.status).toBe(401));
      await expectNoEcho(answer, [token, apiKey], description);
    }
    const stream = subscribe(tamperedToken, 'subscription { notificationStatusChanged { status } }');
    const closed = await stream.closed;
    stream.dispose();
    await tally.attempt('no secret echoed: tampered JWT over graphql-ws', () => {
      expect(closed.code).toBe(4403);
      expect(closed.reason).not.toContain(token);
    });
  });

  it('does not echo the internal token from a subgraph', async () => {
    const response = await fetch(`http://127.0.0.1:${state.ports.users}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-internal-token': state.internalToken,
        'x-correlation-id': marker,
      },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    const text = await response.text();
    await tally.attempt('no secret echoed: a subgraph error', () =>
      expect(text).not.toContain(state.internalToken),
    );
  });

  it("keeps this file's secrets out of every service's log", async () => {
    // Uses the credentials for real too, so their log lines (if any) are written.
    dataFrom(await graphql('{ me { id } }', {}, tagged({ authorization: `Bearer ${token}` })));
    dataFrom(
      await graphql('{ notifications(limit: 1) { meta { total } } }', {}, tagged({ 'x-api-key': apiKey })),
    );
    const last = `${marker}-last`;
    await graphql('{ me { id } }', {}, { ...admin, 'x-correlation-id': last });
    const logFiles = readdirSync(state.logDir).map((file) => join(state.logDir, file));
    const logs = await waitFor(
      () => {
        const text = logFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
        return text.includes(last) && text;
      },
      { timeoutMs: 15_000, description: 'the last request of this file in the gateway log' },
    );
    const secrets: [string, string][] = [
      ['the password', password],
      ...Object.entries(attempted),
      ['the JWT', token],
      ['the JWT signature', token.split('.')[2] ?? token],
      ['the API key', apiKey],
      ['the internal token', state.internalToken],
      ['the JWT signing secret', state.jwtSecret],
      ['the admin API key', state.adminApiKey],
    ];
    for (const [name, value] of secrets) {
      await tally.attempt(`no ${name} in the logs`, () => {
        expect({ name, logged: logs.includes(value) }).toEqual({ name, logged: false });
      });
    }
  });
});
