import { Counter } from 'prom-client';
import type { MetricsRegistry } from '@herald/observability';

export type EmailMetrics = ReturnType<typeof createEmailMetrics>;

/** Deliverability counters; the category label is the notification's ('' when it had none). */
export function createEmailMetrics(metrics: MetricsRegistry) {
  return {
    suppressions: new Counter({
      name: 'herald_email_suppressions_total',
      help: 'Email addresses put on the suppression list, by reason and the category of the mail that caused it',
      labelNames: ['reason', 'category'] as const,
      registers: [metrics],
    }),
    unsubscribes: new Counter({
      name: 'herald_email_unsubscribes_total',
      help: 'One-click unsubscribes that opted a user out, by category ("" is all email)',
      labelNames: ['category'] as const,
      registers: [metrics],
    }),
  };
}
