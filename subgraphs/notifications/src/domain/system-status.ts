import type { BreakerState, ReadinessReport } from '@herald/lifecycle';

export interface ReadinessCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Why the check failed; null when it passed. */
  readonly detail: string | null;
}

export interface ServiceStatus {
  readonly name: string;
  readonly ready: boolean;
  readonly checks: readonly ReadinessCheck[];
}

export interface QueueStatus {
  readonly name: string;
  readonly messages: number;
  readonly consumers: number;
}

export type BreakerStateName = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerStatus {
  readonly worker: string;
  readonly provider: string;
  readonly state: BreakerStateName;
}

export interface SystemStatus {
  readonly services: readonly ServiceStatus[];
  readonly queues: readonly QueueStatus[];
  readonly breakers: readonly BreakerStatus[];
  readonly checkedAt: Date;
}

const BREAKER_STATE_NAMES: Record<BreakerState, BreakerStateName> = {
  closed: 'CLOSED',
  open: 'OPEN',
  'half-open': 'HALF_OPEN',
};

/** Each service's /ready report, named as the system knows it, in the order given. */
export interface NamedReadiness {
  readonly name: string;
  readonly report: ReadinessReport;
}

/** The services as the console shows them, and the breakers the workers among them reported. */
export function summarizeServices(
  readiness: readonly NamedReadiness[],
): Pick<SystemStatus, 'services' | 'breakers'> {
  return {
    services: readiness.map(({ name, report }) => ({
      name,
      ready: report.status === 'ready',
      checks: Object.entries(report.checks).map(([check, result]) => ({
        name: check,
        ok: result === 'ok',
        detail: result === 'ok' ? null : result,
      })),
    })),
    breakers: readiness.flatMap(({ name, report }) =>
      (report.breakers ?? []).map((breaker) => ({
        worker: name,
        provider: breaker.provider,
        state: BREAKER_STATE_NAMES[breaker.state],
      })),
    ),
  };
}
