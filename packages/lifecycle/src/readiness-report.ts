import { z } from 'zod';

/** opossum's three states, as every breaker reports them. */
export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/**
 * The body of every service's GET /ready: one home, so the services writing it and the
 * system status reading it cannot drift.
 */
export const readinessReportSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  service: z.string(),
  /** Each dependency: 'ok', or why it failed. */
  checks: z.record(z.string(), z.string()),
  /** A worker's provider circuit breakers. */
  breakers: z.array(z.object({ provider: z.string(), state: z.enum(BREAKER_STATES) })).optional(),
});

export type ReadinessReport = z.infer<typeof readinessReportSchema>;
export type ReadinessState = Pick<ReadinessReport, 'status' | 'checks'>;
