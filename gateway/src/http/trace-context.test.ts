import { traceHeadersOf } from './trace-context';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceHeadersOf', () => {
  it('keeps a well-formed traceparent and its tracestate', () => {
    expect(traceHeadersOf({ traceparent, tracestate: 'vendor=abc' })).toEqual({
      traceparent,
      tracestate: 'vendor=abc',
    });
  });

  it('drops a malformed traceparent, and a tracestate without one', () => {
    expect(traceHeadersOf({ traceparent: 'not-a-trace', tracestate: 'vendor=abc' })).toEqual({});
  });
});
