import { z } from 'zod';
import { loadConfig, tracingEnv } from '@herald/config';

const tracingSchema = z.object(tracingEnv).transform((env) => ({
  /** Where spans are posted; undefined: nothing is recorded or exported. */
  tracesUrl: env.OTEL_SDK_DISABLED
    ? undefined
    : (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (env.OTEL_EXPORTER_OTLP_ENDPOINT &&
        `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`)),
  serviceName: env.OTEL_SERVICE_NAME,
}));

export type TracingConfig = z.output<typeof tracingSchema>;

/** The base endpoint gets the signal path appended, a _TRACES_ endpoint is used as given (OTLP spec). */
export function loadTracingConfig(env: Record<string, string | undefined>): TracingConfig {
  return loadConfig(tracingSchema, env);
}
