import { loadTracingConfig } from './tracing-config';

describe('loadTracingConfig', () => {
  it('exports nowhere when no endpoint is set, or when the SDK is disabled', () => {
    expect(loadTracingConfig({}).tracesUrl).toBeUndefined();
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracesUrl).toBeUndefined();
    expect(
      loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', OTEL_SDK_DISABLED: 'true' })
        .tracesUrl,
    ).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint, and takes a traces endpoint as given', () => {
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/' }).tracesUrl).toBe(
      'http://otel:4318/v1/traces',
    );
    expect(
      loadTracingConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example.com/traces',
      }).tracesUrl,
    ).toBe('https://collector.example.com/traces');
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
