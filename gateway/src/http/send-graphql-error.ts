import type { Response } from 'express';
import type { ErrorCode } from '@herald/errors';
import { requestState } from './request-state';

/** Answers outside GraphQL execution (auth, body parsing) in the GraphQL response shape clients parse anyway. */
export function sendGraphQLError(res: Response, status: number, code: ErrorCode, message: string): void {
  const extensions =
    code === 'INTERNAL' ? { code, correlationId: requestState(res).correlationId } : { code };
  res.status(status).json({ errors: [{ message, extensions }] });
}
