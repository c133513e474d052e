import { readFileSync, writeFileSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, which is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function peakRssMb(pid: number): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Writing 5 to clear_refs resets the peak RSS, so each scenario reports its own peak. */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted (another user's process): the peak then covers the process's whole life.
  }
}

/** CPU seconds and peak RSS of named processes between begin() and the reading. */
export interface UsageMeter {
  begin(): () => Record<string, ProcessUsage>;
}

export function createUsageMeter(pids: () => Record<string, number | undefined>): UsageMeter {
  const alive = () =>
    Object.entries(pids()).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return {
    begin() {
      const before = new Map(
        alive().map(([name, pid]) => {
          resetPeak(pid);
          return [name, cpuSeconds(pid)] as const;
        }),
      );
      return () =>
        Object.fromEntries(
          alive().map(([name, pid]) => [
            name,
            {
              cpuSeconds: Math.round((cpuSeconds(pid) - (before.get(name) ?? 0)) * 100) / 100,
              peakRssMb: Math.round(peakRssMb(pid)),
            },
          ]),
        );
    },
  };
}
