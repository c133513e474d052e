import type { Request, RequestHandler } from 'express';

/** host[:port] as a browser sends it; anything else is left out of the policy rather than echoed. */
const HOST_PATTERN = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The console's Content-Security-Policy: only its own files run, load and style it; images may
 * come from https (a template's image URL in a preview). The graphql-ws connection is named
 * explicitly, because 'self' covers same-origin ws: and wss: only in browsers that follow CSP 3.
 */
export function consoleContentSecurityPolicy(host: string | undefined): string {
  const sockets = host && HOST_PATTERN.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Set on every /console response, the files, the fallback page and the 503 alike. */
export function consoleSecurityHeaders(): RequestHandler {
  return (req: Request, res, next) => {
    res.setHeader('Content-Security-Policy', consoleContentSecurityPolicy(req.get('host')));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}
