import type { ErrorCode, FieldIssue } from '@herald/errors';
import { pageMeta, snakeCasePageMeta, type PageMeta, type SnakeCasePageMeta } from '@herald/paging';

/** PageMeta as the original snake_case contract spells it. */
export type RestPageMeta = SnakeCasePageMeta;

/** What an error says beyond its code: the one extra key of the envelope (decision 0018). */
export interface RestErrorDetails {
  /** Every bad field, for BAD_USER_INPUT. */
  readonly fields?: readonly FieldIssue[];
  /** For INTERNAL: the id that finds the fault in the logs. */
  readonly correlation_id?: string;
}

/**
 * Every REST response body (docs/architecture.md, The public API), typed as the original contract types it: `error` is
 * the Herald error code and `meta` is always a PaginationMeta.
 */
export interface Envelope<T> {
  readonly success: boolean;
  readonly data: T | null;
  readonly error: ErrorCode | null;
  readonly message: string;
  readonly meta: RestPageMeta;
  readonly details?: RestErrorDetails;
}

/** A refusal as the REST edge answers it. */
export interface RestFailure {
  readonly code: ErrorCode;
  readonly message: string;
  /** Overrides the code's usual status (415, 501 …). */
  readonly status?: number;
  readonly issues?: readonly FieldIssue[];
}

/** An answer that is not a list is a page of limit 1: holding its one object, or none on an error. */
const ONE_OBJECT = snakeCasePageMeta(pageMeta(1, { page: 1, limit: 1 }));
const NO_OBJECT = snakeCasePageMeta(pageMeta(0, { page: 1, limit: 1 }));

/** `meta` is the list's page; without one the data is a single object. */
export function successEnvelope<T>(data: T, message: string, meta?: PageMeta): Envelope<T> {
  return { success: true, data, error: null, message, meta: meta ? snakeCasePageMeta(meta) : ONE_OBJECT };
}

/** The correlation id is shown only on INTERNAL, the one error whose cause the caller cannot see. */
export function errorEnvelope(failure: RestFailure, correlationId: string | undefined): Envelope<never> {
  const details: RestErrorDetails = {
    ...(failure.issues ? { fields: failure.issues } : {}),
    ...(failure.code === 'INTERNAL' && correlationId ? { correlation_id: correlationId } : {}),
  };
  return {
    success: false,
    data: null,
    error: failure.code,
    message: failure.message,
    meta: NO_OBJECT,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}
