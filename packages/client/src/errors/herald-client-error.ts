import type { HeraldErrorCode } from '../generated/error-classes.ts';

/** One refused field of the input, as the server names it. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export interface HeraldClientErrorInit {
  /** What the server said beyond the message: `issues`, `missing` variables, the id not found … */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly correlationId?: string | undefined;
  /** Where in the answer the error arose. */
  readonly path?: readonly (string | number)[] | undefined;
  readonly cause?: unknown;
}

/**
 * Every error the client throws. Each code of Herald's error table has its subclass
 * (NotFoundError, BadUserInputError …), so callers branch with `instanceof` or on `code`.
 */
export abstract class HeraldClientError extends Error {
  abstract readonly code: HeraldErrorCode;
  /** Whether the same call may succeed later (the gateway or a dependency was unavailable, a rate limit). */
  readonly retryable: boolean = false;
  readonly details: Readonly<Record<string, unknown>>;
  /** The refused fields, when the server listed them (`details.issues`); empty otherwise. */
  readonly issues: readonly FieldIssue[];
  /** Names the request in Herald's logs: quote it when reporting a fault. */
  readonly correlationId: string | undefined;
  readonly path: readonly (string | number)[] | undefined;

  constructor(message: string, init: HeraldClientErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.details = init.details ?? {};
    this.issues = fieldIssuesOf(this.details.issues);
    this.correlationId = init.correlationId;
    this.path = init.path;
  }
}

function fieldIssuesOf(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (issue): issue is FieldIssue =>
      typeof issue === 'object' &&
      issue !== null &&
      typeof (issue as FieldIssue).field === 'string' &&
      typeof (issue as FieldIssue).message === 'string',
  );
}
