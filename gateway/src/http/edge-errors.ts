import type { Request, Response } from 'express';
import type { ErrorCode, FieldIssue } from '@herald/errors';
import { currentCorrelationId } from '@herald/logging';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { errorEnvelope } from '../rest/envelope';
import { statusForCode } from './status-for-code';

export interface EdgeError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Overrides the code's usual status (415, 501 …). */
  readonly status?: number;
  readonly issues?: readonly FieldIssue[];
}

/**
 * Answers requests the gateway refuses before any GraphQL runs (credentials, rate limit, body
 * parsing, REST validation): the REST envelope under /api/, the GraphQL error shape elsewhere,
 * so each client reads the shape it already parses.
 */
export type SendEdgeError = (req: Request, res: Response, error: EdgeError) => void;

export function createEdgeErrorSender(metrics: GatewayMetrics): SendEdgeError {
  return (req, res, { code, message, status, issues }) => {
    metrics.errors.inc({ code, source: 'http' });
    const correlationId = code === 'INTERNAL' ? currentCorrelationId() : undefined;
    res.status(status ?? statusForCode(code));
    if (isRestRequest(req)) {
      res.json(
        errorEnvelope(message, {
          code,
          ...(issues ? { fields: issues } : {}),
          ...(correlationId ? { correlation_id: correlationId } : {}),
        }),
      );
      return;
    }
    const extensions = {
      code,
      ...(issues ? { issues } : {}),
      ...(correlationId ? { correlationId } : {}),
    };
    res.json({ errors: [{ message, extensions }] });
  };
}

export function isRestRequest(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}
