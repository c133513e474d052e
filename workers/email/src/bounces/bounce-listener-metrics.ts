import { Counter } from 'prom-client';
import type { MetricsRegistry } from '@herald/observability';
import type { FeedbackKind } from '../domain/feedback-report';
import type { RefusalReason } from './receive-feedback';

export interface BounceListenerMetrics {
  /** A mail taken (250), by what it was. */
  received(kind: FeedbackKind | 'none'): void;
  /** A mail or recipient refused (4xx or 5xx), by why. */
  refused(reason: RefusalReason): void;
}

/**
 * `herald_bounce_mails_received_total{kind}` and `herald_bounce_mails_refused_total{reason}`. The
 * bounces and complaints recorded, per category, are counted where they are recorded, by the
 * notifications service (`herald_email_feedback_total`).
 */
export function createBounceListenerMetrics(registry: MetricsRegistry): BounceListenerMetrics {
  const registers = [registry];
  const received = new Counter({
    name: 'herald_bounce_mails_received_total',
    help: 'Mails the bounce listener took, by kind: hard_bounce, soft_bounce, complaint, or none (a success DSN, a not-spam report).',
    labelNames: ['kind'] as const,
    registers,
  });
  const refused = new Counter({
    name: 'herald_bounce_mails_refused_total',
    help: 'Mails or recipients the bounce listener refused with an SMTP error, by reason (malformed, unsigned, forged, too large …).',
    labelNames: ['reason'] as const,
    registers,
  });
  return {
    received: (kind) => received.inc({ kind: kind.toLowerCase() }),
    refused: (reason) => refused.inc({ reason }),
  };
}
