import type { Logger } from '@herald/logging';

/** The ports a started app bound (0 in config picks free ones, as tests do). */
export interface BoundPorts {
  /** The HTTP port: GraphQL and health for subgraphs and the gateway, health and metrics for workers. */
  readonly http: number;
  readonly grpc?: number;
}

/** What every service's createApp returns. */
export interface ServiceApp {
  start(): Promise<BoundPorts>;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 25_000;

/**
 * The body of every main.ts: start the app, stop it cleanly on SIGTERM/SIGINT, and exit
 * non-zero with one line naming the cause when start-up fails.
 */
export async function runService(log: Logger, build: () => Promise<ServiceApp>): Promise<void> {
  let app: ServiceApp | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    void (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    app = await build();
    await app.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, message);
    process.stderr.write(`${message}\n`);
    await app?.stop().catch(() => undefined);
    process.exit(1);
  }
}
