import type { Request, RequestHandler } from 'express';
import type { Logger } from '@herald/logging';
import { digest, readCredential } from '../auth/authenticate';
import { isRestRequest, type SendEdgeError } from '../http/edge-errors';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { BucketSettings, TakeToken } from './token-bucket';

export interface RateLimitOptions {
  readonly takeToken: TakeToken;
  readonly settings: BucketSettings;
  /** Credentials that are never metered (the bootstrap admin key: operators and their tooling). */
  readonly isExempt: (credential: string) => boolean;
  readonly metrics: GatewayMetrics;
  readonly send: SendEdgeError;
  readonly log: Logger;
}

/** How often a Redis outage is logged while requests keep failing open. */
const FAIL_OPEN_LOG_INTERVAL_MS = 10_000;

/**
 * A token bucket per credential (by digest, so even invalid credentials are metered before the
 * users service is asked), per client IP for anonymous callers. Runs before body parsing and
 * authentication, so a flood costs one Redis call per request. When Redis cannot answer the
 * request passes: Redis holds nothing the gateway needs to be correct.
 */
export function rateLimitMiddleware(options: RateLimitOptions): RequestHandler {
  const { takeToken, settings, metrics, send, log } = options;
  let lastFailOpenLog = 0;
  return async (req, res, next) => {
    const credential = readCredential(req.headers);
    if (credential && options.isExempt(credential)) {
      next();
      return;
    }
    let decision;
    try {
      decision = await takeToken(bucketOf(req, credential));
    } catch (error) {
      metrics.rateLimitFailOpen.inc();
      const now = Date.now();
      if (now - lastFailOpenLog >= FAIL_OPEN_LOG_INTERVAL_MS) {
        lastFailOpenLog = now;
        log.warn({ err: error }, 'rate limit unavailable (Redis); letting requests through unmetered');
      }
      next();
      return;
    }
    res.setHeader('RateLimit-Limit', String(settings.burst));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(Math.ceil(decision.resetMs / 1000)));
    if (decision.allowed) {
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    metrics.rateLimited.inc({ api: isRestRequest(req) ? 'rest' : 'graphql' });
    send(req, res, { code: 'RATE_LIMITED', message: `too many requests; retry after ${retryAfter} s` });
  };
}

function bucketOf(req: Request, credential: string | undefined): string {
  if (credential) return `credential:${digest(credential).toString('base64url')}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}
