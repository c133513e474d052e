import type { ApolloServer } from '@apollo/server';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@herald/errors';
import type { GatewayContext } from '../graphql/gateway-context';
import type { RestOperation } from './rest-operations';

export type OperationResult<T> =
  | { readonly ok: true; readonly data: T }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      readonly issues?: readonly FieldIssue[];
      /** Overrides the code's usual HTTP status (501 for a call the service does not serve). */
      readonly status?: number;
    };

export type RunOperation = <T>(
  operation: RestOperation,
  variables: Record<string, unknown>,
  context: GatewayContext,
) => Promise<OperationResult<T>>;

/**
 * Executes an operation in-process. Errors arrive already formatted (masked, with their code);
 * the first one decides the answer. A code outside the shared table (a validation failure of the
 * shim's own document) is a fault of the gateway and is reported as INTERNAL.
 */
export function createOperationRunner(apollo: ApolloServer<GatewayContext>): RunOperation {
  return async <T>(
    operation: RestOperation,
    variables: Record<string, unknown>,
    contextValue: GatewayContext,
  ): Promise<OperationResult<T>> => {
    const response = await apollo.executeOperation<T>(
      { query: operation.query, operationName: operation.operationName, variables },
      { contextValue },
    );
    if (response.body.kind !== 'single') {
      return { ok: false, code: 'INTERNAL', message: 'internal error' };
    }
    const { data, errors } = response.body.singleResult;
    const first = errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      if (typeof code !== 'string' || !(code in ERROR_CODES) || code === 'INTERNAL') {
        return { ok: false, code: 'INTERNAL', message: 'internal error' };
      }
      const issues = readIssues(first.extensions?.issues);
      return { ok: false, code: code as ErrorCode, message: first.message, ...(issues ? { issues } : {}) };
    }
    if (data === null || data === undefined) {
      return { ok: false, code: 'INTERNAL', message: 'internal error' };
    }
    return { ok: true, data };
  };
}

/** Subgraph issues name GraphQL input paths (input.userId); REST clients sent user_id. */
function readIssues(raw: unknown): FieldIssue[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((issue: unknown) => {
    const { field, message } = (issue ?? {}) as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') return [];
    return [{ field: toRestField(field), message }];
  });
}

export function toRestField(field: string): string {
  return field
    .replace(/^input\./, '')
    .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
    .replace(/^channel$/, 'notification_type');
}
