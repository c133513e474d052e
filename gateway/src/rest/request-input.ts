import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { SendEdgeError } from '../http/edge-errors';
import { fieldIssues } from './rest-responses';

/** Validates at the edge, answering 400 with every bad field; undefined when it answered. */
export function parseRequest<S extends z.ZodType>(
  send: SendEdgeError,
  schema: S,
  value: unknown,
  req: Request,
  res: Response,
): z.output<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data as z.output<S>;
  // One issue per field: zod can report a wrong type and then a length check on the same value.
  const listed = new Set<string>();
  const issues = parsed.error.issues
    .flatMap(fieldIssues)
    .filter((issue) => !listed.has(issue.field) && Boolean(listed.add(issue.field)));
  send(req, res, { code: 'BAD_USER_INPUT', message: 'the request is invalid', issues });
  return undefined;
}
