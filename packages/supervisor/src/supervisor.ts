import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { restartDelayMs, STABLE_AFTER_MS } from './restart-delay';
import type { ServiceSpec } from './service-spec';
import { describeTakenPort, findTakenPort, type TakenPort } from './taken-port';

/**
 * How long services have to drain after SIGTERM before what is left is killed. Above each
 * service's own limit (runService: 15 s), so a service normally ends itself, and below 20 s,
 * which is what `docker stop -t 20`, systemd and CI runners are told to wait.
 */
export const STOP_GRACE_MS = 18_000;
const HEALTH_POLL_MS = 250;

export interface SupervisorOutput {
  /** A service's own line, prefixed with its name. */
  service(name: string, index: number, line: string): void;
  /** The supervisor's news: starts, exits, restarts, readiness. */
  info(line: string): void;
  error(line: string): void;
}

export interface SupervisorOptions {
  readonly cwd: string;
  readonly output: SupervisorOutput;
  readonly graceMs?: number;
}

export interface Supervisor {
  /** Resolves once every service has exited: 0 after stop(), 1 when a port was taken at a restart. */
  readonly exited: Promise<number>;
  /** SIGTERM to every service, SIGKILL to what is left after the grace; resolves like `exited`. */
  stop(reason: string): Promise<number>;
}

/** A port was taken before anything started: nothing was spawned. */
export class PortTakenError extends Error {
  constructor(readonly taken: TakenPort) {
    super(describeTakenPort(taken));
    this.name = 'PortTakenError';
  }
}

interface Slot {
  readonly spec: ServiceSpec;
  readonly index: number;
  child?: ChildProcess;
  exited?: Promise<void>;
  startedAt: number;
  crashesInARow: number;
  restart?: NodeJS.Timeout;
}

/**
 * Runs each service as a child in its own process group, with an IPC channel whose closing
 * tells the service its supervisor is gone (runService stops it then, even when the supervisor
 * was killed with SIGKILL). A service that exits while the supervisor is not stopping crashed:
 * it is restarted with backoff, after its ports are checked free. Throws PortTakenError when a
 * port is taken before the start.
 */
export async function superviseServices(
  specs: readonly ServiceSpec[],
  { cwd, output, graceMs = STOP_GRACE_MS }: SupervisorOptions,
): Promise<Supervisor> {
  const taken = await findTakenPort(specs);
  if (taken) throw new PortTakenError(taken);

  const slots: Slot[] = specs.map((spec, index) => ({ spec, index, startedAt: 0, crashesInARow: 0 }));
  let stopping: Promise<number> | undefined;
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (settle = resolve));

  const start = (slot: Slot) => {
    const child = spawn(process.execPath, [slot.spec.main], {
      cwd,
      env: slot.spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    slot.child = child;
    slot.startedAt = Date.now();
    forwardLines(child.stdout, (line) => output.service(slot.spec.name, slot.index, line));
    forwardLines(child.stderr, (line) => output.service(slot.spec.name, slot.index, line));
    // Anything the service left in its group goes with it.
    child.once('exit', () => signalGroup(child, 'SIGKILL'));
    slot.exited = new Promise((resolve) => {
      // 'close' comes once its output is read to the end, so its last lines are printed too.
      child.once('close', (code, signal) => {
        slot.child = undefined;
        if (!stopping) onCrash(slot, describeExit(code, signal));
        resolve();
      });
    });
    output.info(`${slot.spec.name} started (pid ${child.pid})`);
  };

  const onCrash = (slot: Slot, how: string) => {
    slot.crashesInARow = Date.now() - slot.startedAt >= STABLE_AFTER_MS ? 1 : slot.crashesInARow + 1;
    const delay = restartDelayMs(slot.crashesInARow);
    output.error(`${slot.spec.name} ${how}; restarting in ${delay / 1000} s`);
    slot.restart = setTimeout(() => void restartIfPortsFree(slot), delay);
  };

  const restartIfPortsFree = async (slot: Slot) => {
    const taken = await findTakenPort([slot.spec]);
    if (stopping) return;
    if (!taken) return start(slot);
    // Restarting would fail the same way every time: say why once and stop.
    output.error(describeTakenPort(taken));
    void stop('a port is taken', 1);
  };

  const stop = (reason: string, code = 0): Promise<number> => {
    stopping ??= (async () => {
      output.info(`stopping (${reason}): SIGTERM to every service, ${graceMs / 1000} s to drain`);
      for (const slot of slots) clearTimeout(slot.restart);
      const running = slots.filter((slot) => slot.child);
      for (const slot of running) signalGroup(slot.child, 'SIGTERM');
      const allExited = Promise.all(running.map((slot) => slot.exited));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace over'>(
        (resolve) => (timer = setTimeout(resolve, graceMs, 'grace over')),
      );
      if ((await Promise.race([allExited, graceOver])) === 'grace over') {
        const left = slots.filter((slot) => slot.child);
        output.error(`${left.map((slot) => slot.spec.name).join(', ')} did not stop in time; killing`);
        for (const slot of left) signalGroup(slot.child, 'SIGKILL');
        await allExited;
      }
      clearTimeout(timer);
      output.info('every service has stopped');
      settle(code);
      return code;
    })();
    return stopping;
  };

  slots.forEach(start);
  void announceWhenHealthy(slots, () => stopping !== undefined, output);
  return { exited, stop: (reason) => stop(reason) };
}

/** Says once when every service answers its health URL (tests and users wait for this line). */
async function announceWhenHealthy(
  slots: readonly Slot[],
  isStopping: () => boolean,
  output: SupervisorOutput,
): Promise<void> {
  const healthy = async (slot: Slot) => {
    const response = await fetch(slot.spec.healthUrl, { signal: AbortSignal.timeout(1000) }).catch(
      () => undefined,
    );
    return response?.ok === true;
  };
  let waiting = [...slots];
  while (waiting.length > 0) {
    if (isStopping()) return;
    const answers = await Promise.all(waiting.map(healthy));
    waiting = waiting.filter((_, index) => !answers[index]);
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  output.info(`ready: all ${slots.length} services answer /health`);
}

function forwardLines(stream: Readable | null, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', write);
}

/** The service leads its own group (detached), so the group's id is its pid. */
function signalGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
