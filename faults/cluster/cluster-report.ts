import type { FaultLine } from '../accounting';

/** A report line of the cluster run: what the fault cost, and how the survivors took over. */
export interface ClusterLine extends FaultLine {
  /** Requests one gateway failed and the other accepted under the same request_id. */
  readonly retried: number;
  /** From the kill to steady delivery again (see steadyAgainMs); null if not within the phase. */
  readonly steadyAgainMs: number | null;
}

function seconds(ms: number | null): string {
  return ms === null ? 'not within the phase' : `${(ms / 1000).toFixed(1)} s`;
}

/** Time to recover per fault, as a markdown table. */
export function recoveryTable(lines: readonly ClusterLine[]): string {
  return [
    '| Fault | Lost | Duplicates | First delivery after the kill | Steady again | Retried on the other gateway |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...lines.map(
      (line) =>
        `| ${line.fault} | ${line.lost} | ${line.duplicates} | ${seconds(line.recoveryMs)} | ` +
        `${seconds(line.steadyAgainMs)} | ${line.retried} |`,
    ),
    '',
  ].join('\n');
}
