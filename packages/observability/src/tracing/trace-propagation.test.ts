import { SpanKind, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { inSpan } from './spans';
import { continueTrace, extractTraceContext, traceCarrierOf } from './trace-propagation';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const incoming = { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, tracestate: 'vendor=abc' };

/** What a hop sees after crossing: the carrier as AMQP delivers headers, or as gRPC metadata maps. */
const asAmqpHeaders = (carrier: Record<string, string>) => ({ ...carrier, 'x-correlation-id': 'c-1' });
const asGrpcMetadata = (carrier: Record<string, string>) =>
  Object.fromEntries(Object.entries(carrier).map(([key, value]) => [key, Buffer.from(value)]));

describe('trace propagation without an SDK (tracing off)', () => {
  it('passes an incoming traceparent and tracestate through every hop unchanged', async () => {
    const outgoing = await continueTrace(incoming, () =>
      inSpan('publish', { kind: SpanKind.PRODUCER }, async () => traceCarrierOf()),
    );
    expect(outgoing).toEqual(incoming);
    const received = extractTraceContext(asGrpcMetadata(outgoing));
    const next = await inSpan('rpc', { kind: SpanKind.SERVER, parent: received }, async () =>
      traceCarrierOf(),
    );
    expect(next).toEqual(incoming);
  });

  it('carries nothing outside a trace, and ignores a malformed traceparent', () => {
    expect(traceCarrierOf()).toEqual({});
    expect(traceCarrierOf(extractTraceContext({ traceparent: 'not-a-trace' }))).toEqual({});
  });

  it('does not continue the trace that is active where an incoming hop is handled', () => {
    continueTrace(incoming, () => {
      expect(traceCarrierOf(extractTraceContext({}))).toEqual({});
    });
  });
});

describe('trace propagation with a recording SDK', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
  });
  afterEach(() => exporter.reset());

  it.each([
    ['AMQP headers', asAmqpHeaders],
    ['gRPC metadata', asGrpcMetadata],
  ])('makes the receiving span a child of the sending span across %s', async (_, carry) => {
    const carrier = await inSpan('send', { kind: SpanKind.PRODUCER }, async () => traceCarrierOf());
    await inSpan(
      'receive',
      { kind: SpanKind.CONSUMER, parent: extractTraceContext(carry(carrier)) },
      async () => {
        await inSpan('work', { kind: SpanKind.INTERNAL }, async () => undefined);
      },
    );
    const spans = Object.fromEntries(exporter.getFinishedSpans().map((span) => [span.name, span]));
    const traceId = spans.send?.spanContext().traceId;
    expect(new Set(Object.values(spans).map((span) => span.spanContext().traceId))).toEqual(
      new Set([traceId]),
    );
    expect(spans.receive?.parentSpanContext?.spanId).toBe(spans.send?.spanContext().spanId);
    expect(spans.work?.parentSpanContext?.spanId).toBe(spans.receive?.spanContext().spanId);
  });

  it('marks a span that throws as failed and ends it', async () => {
    await expect(
      inSpan('send', { kind: SpanKind.CLIENT }, async () => {
        throw new Error('provider down');
      }),
    ).rejects.toThrow('provider down');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toMatchObject({ code: 2, message: 'provider down' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('continues a stored trace (an outbox row) in a context where another trace is active', async () => {
    const stored = await inSpan('accept', { kind: SpanKind.SERVER }, async () => traceCarrierOf());
    await inSpan('relay pass', { kind: SpanKind.INTERNAL }, () =>
      continueTrace(stored, () => inSpan('publish', { kind: SpanKind.PRODUCER }, async () => undefined)),
    );
    const spans = Object.fromEntries(exporter.getFinishedSpans().map((span) => [span.name, span]));
    expect(spans.publish?.spanContext().traceId).toBe(spans.accept?.spanContext().traceId);
    expect(spans.publish?.parentSpanContext?.spanId).toBe(spans.accept?.spanContext().spanId);
  });
});
