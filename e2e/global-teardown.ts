import type { HeraldSystem, SmtpSink, TestEnvironment } from '@herald/testkit';

/** Stops what global-setup started, and removes this run's databases, queues and keys. */
export default async function globalTeardown(): Promise<void> {
  const started = (
    globalThis as { heraldE2e?: { system: HeraldSystem; sink: SmtpSink; environment: TestEnvironment } }
  ).heraldE2e;
  if (!started) return;
  await started.system.stop();
  await started.sink.close();
  await started.environment.cleanup();
}
