import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { measureCeilings } from './ceilings/run-ceilings';
import type { Ceiling } from './ceilings/ceiling';
import { createJsonClient } from './json-client';
import { parseOptions, SCENARIO_NAMES, selected, type BenchOptions } from './options';
import { checkTargets, ratiosToCeilings } from './report/assess';
import type { BenchResult, MachineInfo } from './report/bench-result';
import { scenarioTable, targetTable } from './report/markdown';
import { writeResults } from './report/write-results';
import {
  DRAIN_MS,
  runScenario,
  settleDeliveries,
  type ScenarioContext,
  type ScenarioPlan,
  type ScenarioResult,
  type ScenarioRun,
} from './scenario';
import { bulkSustained } from './scenarios/bulk';
import { graphqlClosedLoop } from './scenarios/graphql-closed-loop';
import { mixedChannels } from './scenarios/mixed';
import { restAtRate } from './scenarios/rest-rate';
import { subscribersDuringRest } from './scenarios/subscribers';
import { warmUp } from './scenarios/warm-up';
import { seedSystem } from './seed';
import { localTarget, remoteTarget, type Target } from './target';

/** Durations and sizes of a full run and of --quick (about a minute in all). */
const PROFILES = {
  full: {
    users: 100,
    warmUpMs: 10_000,
    restRates: [100, 200, 400],
    restMs: 30_000,
    graphqlClients: 32,
    graphqlMs: 30_000,
    bulk: { batch: 100, perSecond: 1000, durationMs: 60_000 },
    mixedMs: 30_000,
    subscribers: { subscribers: 1000, ratePerSecond: 100, durationMs: 30_000 },
  },
  quick: {
    users: 50,
    warmUpMs: 2_000,
    restRates: [100, 200, 400],
    restMs: 4_000,
    graphqlClients: 32,
    graphqlMs: 4_000,
    bulk: { batch: 100, perSecond: 1000, durationMs: 5_000 },
    mixedMs: 4_000,
    subscribers: { subscribers: 1000, ratePerSecond: 50, durationMs: 4_000 },
  },
};

const log = (line: string) => process.stdout.write(`${line}\n`);

function plans(context: ScenarioContext, options: BenchOptions): ScenarioPlan[] {
  const profile = options.quick ? PROFILES.quick : PROFILES.full;
  return [
    ...(selected(options, 'rest')
      ? profile.restRates.map((rate) => restAtRate(context, rate, profile.restMs))
      : []),
    ...(selected(options, 'graphql')
      ? [graphqlClosedLoop(context, profile.graphqlClients, profile.graphqlMs)]
      : []),
    ...(selected(options, 'bulk') ? [bulkSustained(context, profile.bulk)] : []),
    ...(selected(options, 'mixed') ? [mixedChannels(context, profile.graphqlClients, profile.mixedMs)] : []),
    ...(selected(options, 'subscribers') ? [subscribersDuringRest(context, profile.subscribers)] : []),
  ];
}

function machineInfo(loadAverageBefore: number): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore,
    loadAverageAfter: Math.round(loadavg()[0]! * 100) / 100,
  };
}

async function runScenarios(
  target: Target,
  options: BenchOptions,
  runId: string,
  benchStart: number,
  onProgress: (scenarios: ScenarioResult[]) => void,
) {
  const client = createJsonClient(target.gatewayUrl, target.adminApiKey, 256);
  try {
    const profile = options.quick ? PROFILES.quick : PROFILES.full;
    log(`seeding ${profile.users} users and two templates …`);
    const seed = await seedSystem(client, runId, profile.users);
    const context: ScenarioContext = { target, client, seed, quick: options.quick, benchStart, log };
    // Its deliveries keep their own ledger, so none is counted as a scenario's stray.
    await runScenario(context, warmUp(context, profile.warmUpMs));
    const runs: ScenarioRun[] = [];
    for (const plan of plans(context, options)) {
      runs.push(await runScenario(context, plan));
      onProgress(runs.map(({ result }) => result));
    }
    if (target.deliveries) {
      // A last wait for stragglers of every scenario, so that "lost" means never delivered.
      const drainMs = options.quick ? DRAIN_MS.quick : DRAIN_MS.full;
      await Promise.all(runs.map(({ tracker }) => tracker.waitForDeliveries(drainMs).catch(() => undefined)));
    }
    return runs.map(settleDeliveries);
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const runId = `b${startedAt.getTime().toString(36)}${randomBytes(2).toString('hex')}`;
  const loadAverageBefore = Math.round(loadavg()[0]! * 100) / 100;
  const benchStart = performance.now();
  const needsSystem = SCENARIO_NAMES.some((name) => name !== 'ceilings' && selected(options, name));
  const summarize = (scenarios: ScenarioResult[], ceilings: Ceiling[]): BenchResult => ({
    runId,
    startedAt: startedAt.toISOString(),
    mode: options.url ? 'remote' : 'local',
    quick: options.quick,
    gatewayUrl: options.url ?? 'started by the bench',
    machine: machineInfo(loadAverageBefore),
    scenarios,
    ceilings,
    ratios: ratiosToCeilings(scenarios, ceilings),
    targets: checkTargets(scenarios, cpus().length),
  });
  // Written after every scenario too, so a run cut short still leaves its figures.
  const saveProgress = (done: ScenarioResult[]) => writeResults(options.outDir, summarize(done, []));
  let scenarios: ScenarioResult[] = [];
  if (needsSystem) {
    log(options.url ? `target: ${options.url}` : 'starting the whole system (build first: npm run build) …');
    const target = options.url
      ? remoteTarget(options.url, options.adminKey!)
      : await localTarget({ runId, profileDir: options.profileDir });
    // Ctrl-C stops the services and removes the run's databases, queues and keys; the figures of
    // the scenarios already done are on disk.
    const interrupted = (signal: NodeJS.Signals) => {
      log(`\n${signal}: stopping the system …`);
      void target.close().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    try {
      scenarios = await runScenarios(target, options, runId, benchStart, saveProgress);
    } finally {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      await target.close();
    }
    if (target.logDir) log(`service logs: ${target.logDir}`);
  }
  const ceilings: Ceiling[] = selected(options, 'ceilings') ? await measureCeilings(options.quick, log) : [];
  const result = summarize(scenarios, ceilings);
  const files = writeResults(options.outDir, result);
  log(`\n${scenarioTable(scenarios)}\n\n${targetTable(result)}\n`);
  for (const ratio of result.ratios) log(`${ratio.label}: ${ratio.ratio ?? '–'}`);
  log(`\nwrote ${files.json}\n      ${files.markdown}\n      ${files.chart}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
