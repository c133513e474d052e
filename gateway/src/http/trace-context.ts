import type { IncomingHttpHeaders } from 'node:http';

/** W3C trace context (https://www.w3.org/TR/trace-context/): version-traceid-parentid-flags. */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_TRACESTATE_LENGTH = 512;

/** The caller's trace headers, well-formed ones only, to forward to the subgraphs unchanged. */
export function traceHeadersOf(headers: IncomingHttpHeaders): Readonly<Record<string, string>> {
  const { traceparent, tracestate } = headers;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return {};
  return typeof tracestate === 'string' && tracestate.length <= MAX_TRACESTATE_LENGTH
    ? { traceparent, tracestate }
    : { traceparent };
}
