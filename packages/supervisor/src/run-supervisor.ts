import { consoleOutput } from './console-output';
import type { ServiceSpec } from './service-spec';
import { PortTakenError, superviseServices, type Supervisor } from './supervisor';

/** What `docker stop`, systemd and CI send (SIGTERM), Ctrl-C (SIGINT), and a closed terminal (SIGHUP). */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * The body of `npm start` once everything is built: supervises the services until a stop
 * signal, then exits 0 when they have all stopped. A taken port exits 1 with one line naming it.
 */
export async function runSupervisor(specs: readonly ServiceSpec[], cwd: string): Promise<never> {
  const output = consoleOutput();
  let supervisor: Supervisor | undefined;
  let stopSignal: string | undefined;
  // Installed first: a signal that arrives while the ports are checked still stops the start.
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      stopSignal ??= signal;
      void supervisor?.stop(signal);
    });
  }
  try {
    supervisor = await superviseServices(specs, { cwd, output });
  } catch (error) {
    if (!(error instanceof PortTakenError)) throw error;
    output.error(error.message);
    process.exit(1);
  }
  if (stopSignal) void supervisor.stop(stopSignal);
  process.exit(await supervisor.exited);
}
