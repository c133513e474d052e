import type { Logger } from '@herald/logging';
import type { Tracing } from '@herald/observability';

/** The ports a started app bound (0 in config picks free ones, as tests do). */
export interface BoundPorts {
  /** The HTTP port: GraphQL and health for subgraphs and the gateway, health and metrics for workers. */
  readonly http: number;
  readonly grpc?: number;
  /** The email worker's bounce and complaint listener, when BOUNCE_SMTP_PORT is set. */
  readonly bounceSmtp?: number;
}

/** What every service's createApp returns. */
export interface ServiceApp {
  start(): Promise<BoundPorts>;
  stop(): Promise<void>;
}

/**
 * How long a stop may take before the process exits anyway: below the 18 s `npm start` gives
 * its services before SIGKILL, so a service that cannot drain still ends itself and says so.
 */
const SHUTDOWN_GRACE_MS = 15_000;

export interface RunServiceOptions {
  /** Starts tracing (startTracing) before the app is built; its spans are flushed on exit. */
  readonly tracing?: () => Promise<Tracing>;
}

/**
 * The body of every main.ts: start the app, stop it cleanly on SIGTERM/SIGINT (the app stops
 * intake, drains what is in flight, then closes its connections), and exit non-zero with one
 * line naming the cause when start-up fails. Started by a supervisor with an IPC channel
 * (`npm start`), it also stops when that channel closes: a supervisor killed with SIGKILL
 * leaves no service behind holding its ports.
 */
export async function runService(
  log: Logger,
  build: () => Promise<ServiceApp>,
  options: RunServiceOptions = {},
): Promise<void> {
  let app: ServiceApp | undefined;
  let tracing: Tracing | undefined;
  let stopping = false;
  // Spans still buffered are exported before the process goes; an unreachable collector is not fatal.
  const stopAll = async () => {
    await app?.stop();
    await tracing?.shutdown().catch((error: unknown) => log.warn({ err: error }, 'trace export failed'));
  };
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    void stopAll().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (process.channel) {
    // The channel alone must not keep the process alive once the app has stopped.
    process.channel.unref();
    process.once('disconnect', () => shutdown('supervisor exited'));
  }
  try {
    tracing = await options.tracing?.();
    app = await build();
    await app.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, message);
    process.stderr.write(`${message}\n`);
    await stopAll().catch(() => undefined);
    process.exit(1);
  }
}
