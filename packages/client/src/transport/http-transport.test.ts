import type { Credential } from '../credential.ts';
import {
  BadUserInputError,
  HeraldClientError,
  InternalError,
  RateLimitedError,
  UnavailableError,
} from '../index.ts';
import { MeDocument } from '../generated/operations.ts';
import { createHttpTransport } from './http-transport.ts';

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: { query: string; variables: unknown };
}

/** A fetch answering `answer` and recording what was sent. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    sent.push({
      url: String(url),
      headers: init?.headers as Record<string, string>,
      body: JSON.parse(String(init?.body)) as Sent['body'],
    });
    return answer();
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const URL_ = 'http://gateway.test/graphql';

describe('the HTTP transport', () => {
  it('posts the operation with the credential read at each call, and answers its data', async () => {
    const { fetch, sent } = fakeFetch(() => json({ data: { me: null } }));
    let credential: Credential | undefined = { token: 'jwt-1' };
    const run = createHttpTransport({
      url: URL_,
      fetch,
      credential: () => credential,
      headers: { 'x-app': 'a' },
    });

    expect(await run(MeDocument, {})).toEqual({ me: null });
    credential = { apiKey: 'hk_2' };
    await run(MeDocument, {}, { headers: { 'x-correlation-id': 'c-1' } });
    credential = undefined;
    await run(MeDocument, {});

    expect(sent.map((request) => request.headers.authorization)).toEqual([
      'Bearer jwt-1',
      'Bearer hk_2',
      undefined,
    ]);
    expect(sent[1]?.headers).toMatchObject({ 'x-app': 'a', 'x-correlation-id': 'c-1' });
    expect(sent[0]?.url).toBe(URL_);
    expect(sent[0]?.body).toEqual({ query: MeDocument.toString(), variables: {} });
  });

  it('throws the class named by extensions.code, with its details, field issues and correlation id', async () => {
    const issues = [{ field: 'input.email', message: 'is not an email address' }];
    const { fetch } = fakeFetch(() =>
      json(
        {
          errors: [
            {
              message: 'invalid input',
              path: ['createUser'],
              extensions: { code: 'BAD_USER_INPUT', issues },
            },
          ],
        },
        200,
        { 'x-correlation-id': 'corr-7' },
      ),
    );
    const run = createHttpTransport({ url: URL_, fetch, credential: undefined, headers: {} });

    const error = await run(MeDocument, {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toBeInstanceOf(HeraldClientError);
    expect(error).toMatchObject({
      name: 'BadUserInputError',
      code: 'BAD_USER_INPUT',
      message: 'invalid input',
      details: { issues },
      issues,
      correlationId: 'corr-7',
      path: ['createUser'],
      retryable: false,
    });
  });

  it('keeps an unknown code as an InternalError that names it', async () => {
    const { fetch } = fakeFetch(() =>
      json({ errors: [{ message: 'odd', extensions: { code: 'SOMETHING_NEW' } }] }),
    );
    const run = createHttpTransport({ url: URL_, fetch, credential: undefined, headers: {} });
    const error = await run(MeDocument, {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({ message: 'odd', details: { unknownCode: 'SOMETHING_NEW' } });
  });

  it('tells a rate-limited caller when to come back', async () => {
    const { fetch } = fakeFetch(() =>
      json({ errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }, 429, {
        'retry-after': '3',
      }),
    );
    const run = createHttpTransport({ url: URL_, fetch, credential: undefined, headers: {} });
    const error = await run(MeDocument, {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryable: true, details: { retryAfterSeconds: 3 } });
  });

  it('throws a retryable UnavailableError when the gateway cannot be reached or a proxy answers 502', async () => {
    const unreachable = createHttpTransport({
      url: URL_,
      fetch: fakeFetch(() => Promise.reject(new TypeError('fetch failed'))).fetch,
      credential: undefined,
      headers: {},
    });
    const down = createHttpTransport({
      url: URL_,
      fetch: fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 })).fetch,
      credential: undefined,
      headers: {},
    });
    for (const run of [unreachable, down]) {
      const error = await run(MeDocument, {}).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ retryable: true });
    }
  });

  it("lets the caller's abort through as it is", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => {
      controller.abort();
      return Promise.reject(controller.signal.reason);
    });
    const run = createHttpTransport({ url: URL_, fetch, credential: undefined, headers: {} });
    const error = await run(MeDocument, {}, { signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).not.toBeInstanceOf(HeraldClientError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
