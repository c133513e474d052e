import { keptPromise as kept, recountDuplicates, sampleNotes } from '../accounting';
import { createFixtures } from '../fixtures';
import { runUnderLoad, warmUp, type LoadContext, type Phase, type PhaseTiming } from '../phase';
import { markdownReport, writeReport } from '../report';
import { startClusterHarness, type ClusterHarness } from './cluster-harness';
import { clusterFaults, type ClusterFault } from './cluster-faults';
import { recoveryTable, type ClusterLine } from './cluster-report';
import { samplesOf, steadyAgainMs } from './recovery';

/**
 * accepted ⇒ delivered exactly once, or terminal with a reason, on the multi-node topology:
 * each fault of issue 20 kills one process of a pair (or of a cluster) under load, and the
 * survivors carry on. FAULTS_ONLY and FAULTS_RATE work as in the single-node suite.
 */
const only = (process.env.FAULTS_ONLY ?? '')
  .split(',')
  .map((part) => part.trim().toLowerCase())
  .filter((part) => part.length > 0);
const log = (line: string) => process.stdout.write(`${line}\n`);
const selected = clusterFaults(log).filter(
  (fault) => only.length === 0 || only.some((part) => fault.name.toLowerCase().includes(part)),
);
const timing: PhaseTiming = {
  ratePerSecond: Number(process.env.FAULTS_RATE ?? 10),
  leadMs: 3_000,
  tailMs: 8_000,
  settleTimeoutMs: 60_000,
};

describe('the fault suite on a cluster', () => {
  let harness: ClusterHarness | undefined;
  let context: LoadContext;
  const phases: { phase: Phase; line: ClusterLine }[] = [];
  const finalLines = (): ClusterLine[] =>
    phases.map(({ phase, line }) =>
      harness ? { ...line, ...recountDuplicates(line, phase.load, harness.ledger) } : line,
    );

  beforeAll(async () => {
    harness = await startClusterHarness();
    const [gateway] = harness.system.gateways;
    context = {
      ledger: harness.ledger,
      // The one read for settling is b's: the faults kill replica a.
      gateways: [harness.system.gateways[1], gateway],
      fixtures: await createFixtures(gateway),
      timing,
      log,
    };
    log(`cluster fault suite: service logs in ${harness.logDir}`);
    await warmUp(context);
  }, 600_000);

  afterAll(async () => {
    if (!harness) return;
    const lines = finalLines();
    const notes = [
      `${timing.ratePerSecond} requests/s over both gateways, alternately EMAIL and PUSH, GraphQL and REST; ` +
        `${timing.leadMs / 1000} s of load before each kill and ${timing.tailMs / 1000} s after it; ` +
        'the killed process is started again after its line is counted.',
      'First delivery: from the kill to the first delivery of a notification accepted after it. ' +
        'Steady again: from the kill to the send of the first notification from which on every one ' +
        'was delivered within twice the p95 latency before the kill (at least 1 s); 0 s when none was slower.',
      `Delivered although the client was never told it was accepted: ${harness.ledger.report().unexpected}.`,
      ...sampleNotes(lines),
    ];
    log(
      `\n${writeReport(lines, notes, 'cluster', `${recoveryTable(lines)}\n${markdownReport(lines, notes)}`)}`,
    );
    await harness.stop();
  }, 180_000);

  const runClusterFault = async (fault: ClusterFault) => {
    const active = harness!;
    await fault.prepare?.(active);
    const phase = await runUnderLoad(
      context,
      { name: fault.name, answerWindow: () => fault.answerWindow },
      () => fault.strike(active),
    );
    const line: ClusterLine = {
      ...phase.line,
      retried: phase.load.retried,
      steadyAgainMs: steadyAgainMs(samplesOf(phase.load, active.ledger), phase.recoveryFrom),
    };
    phases.push({ phase, line });
    log(`${line.fault}: ${JSON.stringify(line)}`);
    await fault.repair(active);
    return line;
  };

  const eachFault = selected.length > 0 ? it.each : it.skip.each;
  eachFault(selected.map((fault) => [fault.name, fault] as const))(
    '%s: every accepted notification is delivered once or ends with a reason',
    async (_name, fault) => {
      const line = await runClusterFault(fault);
      expect(kept(line)).toEqual({ lost: 0, duplicatesBeyondWindow: 0 });
    },
  );

  it('no second copy reached a sink after its phase settled', () => {
    const beyondWindow = finalLines().filter((line) => kept(line).duplicatesBeyondWindow > 0);
    expect(beyondWindow.map((line) => line.fault)).toEqual([]);
  });
});
