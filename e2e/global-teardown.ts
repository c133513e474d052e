import type { HeraldSystem, OtlpSink, SmtpSink, TestEnvironment } from '@herald/testkit';
import { formatAttackSummary, summarizeAttacks } from './attack/attack-report';
import { readSystemState } from './system-state';

/** Stops what global-setup started, and removes this run's databases, queues and keys. */
export default async function globalTeardown(): Promise<void> {
  const started = (
    globalThis as {
      heraldE2e?: { system: HeraldSystem; sink: SmtpSink; traces: OtlpSink; environment: TestEnvironment };
    }
  ).heraldE2e;
  if (!started) return;
  // The attack suite's figures (cases tried, failures), when any attack file ran.
  const attacks = summarizeAttacks(readSystemState().logDir);
  if (attacks) process.stdout.write(`\n${formatAttackSummary(attacks)}\n`);
  await started.system.stop();
  await started.sink.close();
  await started.traces.close();
  await started.environment.cleanup();
}
