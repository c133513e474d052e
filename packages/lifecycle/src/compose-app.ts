import type { Logger } from '@herald/logging';
import { CleanupStack } from './cleanup-stack';
import type { BoundPorts, ServiceApp } from './run-service';

/** Starts a composed app: defers each server on the cleanup stack as it opens it, resolves with the ports. */
export type StartApp = () => Promise<BoundPorts>;

/**
 * The frame of every composition root. `compose` opens resources onto the cleanup stack and
 * returns how to start; when composing fails, what it had opened is disposed at once (no app is
 * returned, so nothing else could). stop() disposes everything, in reverse order of opening.
 */
export async function composeApp(
  log: Logger,
  compose: (cleanup: CleanupStack) => Promise<StartApp>,
): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  try {
    const start = await compose(cleanup);
    return { start, stop: () => cleanup.dispose() };
  } catch (error) {
    await cleanup.dispose();
    throw error;
  }
}
