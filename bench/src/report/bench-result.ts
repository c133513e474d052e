import type { Ceiling } from '../ceilings/ceiling';
import type { ScenarioResult } from '../scenario';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  /** 1-minute load average before and after: other work on the machine lowers every figure. */
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
}

export interface Ratio {
  readonly label: string;
  readonly herald: number | null;
  readonly ceiling: number | null;
  readonly ratio: number | null;
}

/** One target of the hot-path issue: Herald's figure against the floor's, from the same run. */
export interface TargetCheck {
  readonly target: string;
  /** Herald's figure with its unit and scenario; null when that scenario did not run or was not counted. */
  readonly herald: string | null;
  readonly floor: string | null;
  /** Herald ÷ floor. */
  readonly ratio: number | null;
  readonly limit: string;
  /** Null when a figure it needs is missing. */
  readonly met: boolean | null;
  /** For a CPU-bound scenario: how busy the machine was and what one notification cost it. */
  readonly bound?: string;
}

/** Everything one run measured: the JSON file, and the source of the markdown summary. */
export interface BenchResult {
  readonly runId: string;
  readonly startedAt: string;
  readonly mode: 'local' | 'remote';
  readonly quick: boolean;
  readonly gatewayUrl: string;
  readonly machine: MachineInfo;
  readonly scenarios: readonly ScenarioResult[];
  readonly ceilings: readonly Ceiling[];
  readonly ratios: readonly Ratio[];
  readonly targets: readonly TargetCheck[];
}
