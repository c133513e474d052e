import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { extractTraceContext } from './trace-propagation';

const tracer = () => trace.getTracer('herald');

/**
 * Connect-style middleware: one SERVER span per HTTP request, continuing the caller's W3C
 * traceparent, active for the rest of the request and ended when the response is done.
 */
export function httpServerSpan(
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  // Express strips a mount path from req.url and keeps the whole one in originalUrl.
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  const span = tracer().startSpan(
    `${req.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path },
    },
    extractTraceContext(req.headers),
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(context.active(), span), next);
}
