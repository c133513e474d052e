import type { HeraldClientError } from './herald-client-error.ts';
import { errorFromCode } from './error-from-code.ts';

/** An error of a GraphQL response (`errors[]`), as the gateway formats it. */
export interface GraphQLErrorShape {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** extensions.code picks the class; the other extensions are its details. */
export function errorFromGraphQL(error: GraphQLErrorShape, correlationId?: string): HeraldClientError {
  const { code, correlationId: reported, ...details } = error.extensions ?? {};
  return errorFromCode(code, error.message, {
    details,
    correlationId: typeof reported === 'string' ? reported : correlationId,
    path: error.path,
  });
}

export function isGraphQLErrorList(value: unknown): value is readonly GraphQLErrorShape[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((error) => typeof error === 'object' && error !== null && typeof error.message === 'string')
  );
}
