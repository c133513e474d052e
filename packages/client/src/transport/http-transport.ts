import type { RequestOptions } from '../client-options.ts';
import { authorizationOf, readCredential, type CredentialSource } from '../credential.ts';
import {
  errorFromGraphQL,
  isGraphQLErrorList,
  type GraphQLErrorShape,
} from '../errors/error-from-graphql.ts';
import { InternalError, UnavailableError } from '../generated/error-classes.ts';
import type { TypedDocument } from './typed-document.ts';

export interface HttpTransportOptions {
  readonly url: string;
  readonly fetch: typeof fetch;
  readonly credential: CredentialSource | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/** Runs one query or mutation over POST and answers its data, or throws the error's class. */
export type RunOperation = <TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options?: RequestOptions,
) => Promise<TResult>;

const CORRELATION_HEADER = 'x-correlation-id';
/** Statuses a proxy answers when the gateway behind it is down or restarting. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

export function createHttpTransport(options: HttpTransportOptions): RunOperation {
  return async <TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
    request: RequestOptions = {},
  ): Promise<TResult> => {
    const response = await post(options, { query: document.toString(), variables }, request);
    const correlationId = response.headers.get(CORRELATION_HEADER) ?? undefined;
    const body = await readJson(response);
    if (!isGraphQLResponse(body)) {
      const message = `the gateway answered ${response.status} without a GraphQL response`;
      const init = { correlationId, details: { status: response.status } };
      throw GATEWAY_DOWN.has(response.status)
        ? new UnavailableError(message, init)
        : new InternalError(message, init);
    }
    const [first] = body.errors ?? [];
    if (first) throw errorFromGraphQL(withRetryAfter(first, response), correlationId);
    if (!body.data)
      throw new InternalError('the gateway answered neither data nor errors', { correlationId });
    return body.data as TResult;
  };
}

async function post(
  options: HttpTransportOptions,
  body: unknown,
  request: RequestOptions,
): Promise<Response> {
  const authorization = authorizationOf(readCredential(options.credential));
  // Called as a plain function: a browser refuses fetch invoked as a method of another object.
  const send = options.fetch;
  try {
    return await send(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(authorization ? { authorization } : {}),
        ...options.headers,
        ...request.headers,
      },
      body: JSON.stringify(body),
      signal: request.signal,
    });
  } catch (error) {
    // An abort is the caller's own doing: it stays what it is.
    if (request.signal?.aborted) throw error;
    throw new UnavailableError(`the gateway could not be reached at ${options.url}`, { cause: error });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

interface GraphQLResponse {
  readonly data?: unknown;
  readonly errors?: readonly GraphQLErrorShape[];
}

function isGraphQLResponse(body: unknown): body is GraphQLResponse {
  if (typeof body !== 'object' || body === null) return false;
  const { data, errors } = body as Record<string, unknown>;
  return (typeof data === 'object' && data !== null) || isGraphQLErrorList(errors);
}

/** A rate-limited caller learns when to come back from the Retry-After header. */
function withRetryAfter(error: GraphQLErrorShape, response: Response): GraphQLErrorShape {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  if (!Number.isFinite(seconds)) return error;
  return { ...error, extensions: { ...error.extensions, retryAfterSeconds: seconds } };
}
