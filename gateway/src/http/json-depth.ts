import type { RequestHandler } from 'express';
import type { SendEdgeError } from './edge-errors';

/** Far deeper than any real variables; shallow enough that every later JSON.stringify is safe. */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses a parsed JSON body nested deeper than `maxDepth`. JSON.parse takes any depth, but the
 * gateway re-serialises variables for the subgraphs recursively, and 100,000 levels overflow the
 * stack there (an internal error). Measured iteratively, stopping at the first level too deep.
 */
export function jsonDepthLimit(send: SendEdgeError, maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req, res, next) => {
    if (depthExceeds(req.body, maxDepth)) {
      send(req, res, {
        code: 'BAD_USER_INPUT',
        message: `the request body is nested deeper than ${maxDepth} levels`,
      });
      return;
    }
    next();
  };
}

export function depthExceeds(value: unknown, maxDepth: number): boolean {
  if (!isContainer(value)) return false;
  const pending: [object, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (depth >= maxDepth) return true;
    // Only objects and arrays are queued: a list of 100,000 strings allocates nothing per item.
    for (const child of Object.values(item)) if (isContainer(child)) pending.push([child, depth + 1]);
  }
  return false;
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';
