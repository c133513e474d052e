import { loadTracingConfig } from './tracing-config';
import { ensurePropagation } from './trace-propagation';

export interface Tracing {
  /** True when spans are recorded and exported over OTLP/HTTP. */
  readonly exporting: boolean;
  /** Exports the spans still buffered; call once, on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Trace context always propagates (see ensurePropagation). Spans are recorded and exported only
 * when OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT) is set and OTEL_SDK_DISABLED is not;
 * only then is the SDK even loaded. The exporter and the batch processor read the other
 * standard OTEL_* variables themselves.
 */
export async function startTracing(
  service: string,
  env: Record<string, string | undefined>,
): Promise<Tracing> {
  ensurePropagation();
  const config = loadTracingConfig(env);
  if (!config.tracesUrl) return { exporting: false, shutdown: async () => undefined };
  const { startOtlpExport } = await import('./otlp-export.js');
  return { exporting: true, shutdown: startOtlpExport(config.serviceName ?? service, config.tracesUrl) };
}
