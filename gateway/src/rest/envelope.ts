import type { FieldIssue } from '@herald/errors';
import { snakeCasePageMeta, type PageMeta, type SnakeCasePageMeta } from '@herald/paging';

/** PageMeta as the original snake_case contract spells it. */
export type RestPageMeta = SnakeCasePageMeta;

export interface RestError {
  readonly code: string;
  /** Every bad field, for BAD_USER_INPUT. */
  readonly fields?: readonly FieldIssue[];
  /** For INTERNAL: the id that finds the fault in the logs. */
  readonly correlation_id?: string;
}

/** Every REST response body (ARCHITECTURE §6); meta is set on lists and null otherwise. */
export interface Envelope<T> {
  readonly success: boolean;
  readonly data: T | null;
  readonly error: RestError | null;
  readonly message: string;
  readonly meta: RestPageMeta | null;
}

export function successEnvelope<T>(data: T, message: string, meta?: PageMeta): Envelope<T> {
  return { success: true, data, error: null, message, meta: meta ? snakeCasePageMeta(meta) : null };
}

export function errorEnvelope(message: string, error: RestError): Envelope<never> {
  return { success: false, data: null, error, message, meta: null };
}
