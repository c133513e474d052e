import type { ErrorCode } from '@herald/errors';
import { runWithContext } from '@herald/logging';
import { SpanKind, inSpan, markFailed, type SpanOptions } from '@herald/observability';
import type { CallContext } from './call-context';
import { wireFailureOf, type WireFailure } from './grpc-failure';
import type { RpcName } from './rpc-name';

/** What one request came to: the handler's answer, or its failure as the caller is told it. */
export type Served<T> =
  { readonly code: 'OK'; readonly answer: T } | { readonly code: ErrorCode; readonly failure: WireFailure };

/**
 * Runs one request, unary or on a stream, as the caller's: in its correlation id (log context)
 * and its trace (a SERVER span under `parent`). A throw becomes the failure the caller is told
 * of, logged once and marked on the span.
 */
export function serveRequest<T>(
  rpc: RpcName,
  context: CallContext,
  parent: SpanOptions['parent'],
  handle: () => Promise<T>,
): Promise<Served<T>> {
  return runWithContext({ correlation_id: context.correlationId }, () =>
    inSpan(rpc.span, { kind: SpanKind.SERVER, attributes: rpc.attributes, parent }, async (span) => {
      try {
        return { code: 'OK', answer: await handle() };
      } catch (caught) {
        const failure = wireFailureOf(caught, context.log);
        markFailed(span, failure.error);
        return { code: failure.code, failure };
      }
    }),
  );
}
