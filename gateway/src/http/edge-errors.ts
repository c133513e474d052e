import type { Request, Response } from 'express';
import { currentCorrelationId } from '@herald/logging';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { RestFailure } from '../rest/envelope';
import { sendFailure } from '../rest/rest-responses';
import { statusForCode } from './status-for-code';

/**
 * Answers requests the gateway refuses before any GraphQL runs (credentials, rate limit, body
 * parsing, REST validation): the REST envelope under /api/, the GraphQL error shape elsewhere,
 * so each client reads the shape it already parses.
 */
export type SendEdgeError = (req: Request, res: Response, error: RestFailure) => void;

export function createEdgeErrorSender(metrics: GatewayMetrics): SendEdgeError {
  return (req, res, error) => {
    metrics.errors.inc({ code: error.code, source: 'http' });
    if (isRestRequest(req)) {
      sendFailure(res, error);
      return;
    }
    const { code, message, status, issues } = error;
    const correlationId = code === 'INTERNAL' ? currentCorrelationId() : undefined;
    res.status(status ?? statusForCode(code));
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
