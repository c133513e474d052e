import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, which is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/**
 * The servers Herald runs on, found by process name (`/proc/<pid>/comm`). On this machine they
 * share the cores with the services, so their CPU is part of what a notification costs.
 */
const INFRASTRUCTURE_PROCESSES: Readonly<Record<string, string>> = {
  postgres: 'postgres',
  rabbitmq: 'beam.smp',
  redis: 'redis-server',
};

export interface ProcessUsage {
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/** The whole machine over the same window, from /proc/stat: every process, the kernel included. */
export interface MachineCpu {
  readonly cpuSeconds: number;
  readonly seconds: number;
  /** Busy share of all cores: near 1, the machine had no spare CPU and every figure is CPU-bound. */
  readonly busyShare: number;
}

export interface UsageReading {
  /** The services, the bench itself, and the infrastructure servers (a group summed per server). */
  readonly processes: Record<string, ProcessUsage>;
  readonly machine: MachineCpu;
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

/** Total and idle (idle + iowait) ticks of all cores since boot. */
function machineTicks(): { total: number; idle: number } {
  const fields = /^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]!.split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal; guest time is already inside user.
  const total = fields.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  return { total, idle: fields[3]! + fields[4]! };
}

/** Processes of each infrastructure server now; a process that exits in between is not counted. */
function infrastructurePids(): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const groupOf = new Map(Object.entries(INFRASTRUCTURE_PROCESSES).map(([group, comm]) => [comm, group]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const group = groupOf.get(comm);
    if (group) groups.set(group, [...(groups.get(group) ?? []), Number(entry)]);
  }
  return groups;
}

/** Reads a process that may have exited since it was listed. */
function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** CPU seconds and peak RSS of named processes and of the machine between begin() and the reading. */
export interface UsageMeter {
  begin(): () => UsageReading;
}

export function createUsageMeter(pids: () => Record<string, number | undefined>): UsageMeter {
  const groups = (): [string, number[]][] => [
    ...Object.entries(pids()).flatMap(([name, pid]): [string, number[]][] =>
      pid === undefined ? [] : [[name, [pid]]],
    ),
    ...infrastructurePids(),
  ];
  return {
    begin() {
      const startedAt = Date.now();
      const ticksBefore = machineTicks();
      const before = new Map(
        groups().map(([name, members]) => {
          members.forEach(resetPeak);
          return [name, new Map(members.map((pid) => [pid, readOr(() => cpuSeconds(pid), 0)]))] as const;
        }),
      );
      return () => {
        const ticksAfter = machineTicks();
        const total = ticksAfter.total - ticksBefore.total;
        const busy = total - (ticksAfter.idle - ticksBefore.idle);
        const processes = Object.fromEntries(
          groups().map(([name, members]) => {
            const earlier = before.get(name);
            // A process that started inside the window counts from zero.
            const used = members.reduce(
              (sum, pid) => sum + readOr(() => cpuSeconds(pid), 0) - (earlier?.get(pid) ?? 0),
              0,
            );
            return [
              name,
              {
                cpuSeconds: Math.round(used * 100) / 100,
                // The largest process's peak: PostgreSQL's backends share their buffers.
                peakRssMb: Math.round(Math.max(0, ...members.map((pid) => readOr(() => peakRssMb(pid), 0)))),
              },
            ];
          }),
        );
        return {
          processes,
          machine: {
            cpuSeconds: Math.round((busy / TICKS_PER_SECOND) * 100) / 100,
            seconds: Math.round((Date.now() - startedAt) / 10) / 100,
            busyShare: total > 0 ? Math.round((busy / total) * 1000) / 1000 : 0,
          },
        };
      };
    },
  };
}
