import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { measureCeilings } from './ceilings/run-ceilings';
import type { Ceiling } from './ceilings/ceiling';
import { createJsonClient, type JsonClient } from './json-client';
import { HERALD_SCENARIOS, parseOptions, selected, type BenchOptions } from './options';
import { checkTargets, ratiosToCeilings } from './report/assess';
import type { BenchResult, MachineInfo } from './report/bench-result';
import { floorCpuTable, scenarioTable, targetTable } from './report/markdown';
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
import { BATCHED_FLOOR, FLOOR, floorSeed, floorWarmUp } from './scenarios/floor';
import { atRate, HERALD_GRAPHQL, HERALD_REST } from './scenarios/at-rate';
import { subscribersDuringRest } from './scenarios/subscribers';
import { warmUp } from './scenarios/warm-up';
import { seedSystem, type Seed } from './seed';
import { floorTarget } from './floor/floor-target';
import { localTarget, remoteTarget, startSinks, type Sinks, type Target } from './target';

/** Durations and sizes of a full run and of --quick (a few minutes in all). */
const PROFILES = {
  full: {
    users: 100,
    warmUpMs: 10_000,
    restRates: [100, 200, 400, 1000],
    restMs: 30_000,
    graphqlClients: 32,
    graphqlMs: 30_000,
    graphqlRate: 100,
    bulk: { batch: 100, perSecond: 1000, durationMs: 60_000 },
    mixedMs: 30_000,
    subscribers: { subscribers: 1000, ratePerSecond: 100, durationMs: 30_000 },
  },
  quick: {
    users: 50,
    warmUpMs: 2_000,
    restRates: [100, 200, 400, 1000],
    restMs: 4_000,
    graphqlClients: 32,
    graphqlMs: 4_000,
    graphqlRate: 100,
    bulk: { batch: 100, perSecond: 1000, durationMs: 5_000 },
    mixedMs: 4_000,
    subscribers: { subscribers: 1000, ratePerSecond: 50, durationMs: 4_000 },
  },
};
type Profile = (typeof PROFILES)['full'];

const log = (line: string) => process.stdout.write(`${line}\n`);

function heraldPlans(context: ScenarioContext, options: BenchOptions, profile: Profile): ScenarioPlan[] {
  return [
    ...(selected(options, 'rest')
      ? profile.restRates.map((rate) => atRate(context, HERALD_REST, rate, profile.restMs))
      : []),
    ...(selected(options, 'graphql')
      ? [
          graphqlClosedLoop(context, profile.graphqlClients, profile.graphqlMs),
          atRate(context, HERALD_GRAPHQL, profile.graphqlRate, profile.graphqlMs),
        ]
      : []),
    ...(selected(options, 'bulk') ? [bulkSustained(context, profile.bulk)] : []),
    ...(selected(options, 'mixed') ? [mixedChannels(context, profile.graphqlClients, profile.mixedMs)] : []),
    ...(selected(options, 'subscribers') ? [subscribersDuringRest(context, profile.subscribers)] : []),
  ];
}

/**
 * The floor's scenarios, per floor process: the REST rates unbatched, and bulk's rate batched for
 * as long as bulk runs. Both variants are offered one request per notification.
 */
function floorPlans(context: ScenarioContext, profile: Profile, batched: boolean): ScenarioPlan[] {
  return batched
    ? [atRate(context, BATCHED_FLOOR, profile.bulk.perSecond, profile.bulk.durationMs)]
    : profile.restRates.map((rate) => atRate(context, FLOOR, rate, profile.restMs));
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

/** What runs on one target: its seed, its warm-up, and the scenarios measured after it. */
interface TargetRun {
  readonly seed: (client: JsonClient) => Promise<Seed>;
  readonly warmUp: (context: ScenarioContext) => ScenarioPlan;
  readonly plans: (context: ScenarioContext) => ScenarioPlan[];
}

/**
 * Seeds the target through a client of its own, runs the warm-up, then the plans one after the
 * other, then waits once more for stragglers.
 */
async function runOnTarget(
  target: Target,
  run: TargetRun,
  session: Pick<ScenarioContext, 'quick' | 'benchStart'>,
  onRun: (run: ScenarioRun) => void,
): Promise<void> {
  const client = createJsonClient(target.gatewayUrl, target.adminApiKey, 256);
  try {
    const context: ScenarioContext = { ...session, target, client, seed: await run.seed(client), log };
    // Its deliveries keep their own ledger, so none is counted as a scenario's stray.
    await runScenario(context, run.warmUp(context));
    const runs: ScenarioRun[] = [];
    for (const plan of run.plans(context)) {
      const done = await runScenario(context, plan);
      runs.push(done);
      onRun(done);
    }
    if (target.deliveries) {
      // A last wait for stragglers of every scenario, so that "lost" means never delivered.
      const drainMs = session.quick ? DRAIN_MS.quick : DRAIN_MS.full;
      await Promise.all(runs.map(({ tracker }) => tracker.waitForDeliveries(drainMs).catch(() => undefined)));
    }
  } finally {
    client.close();
  }
}

async function runHerald(
  target: Target,
  options: BenchOptions,
  runId: string,
  benchStart: number,
  onRun: (run: ScenarioRun) => void,
): Promise<void> {
  const profile = options.quick ? PROFILES.quick : PROFILES.full;
  const run: TargetRun = {
    seed: (client) => {
      log(`seeding ${profile.users} users and two templates …`);
      return seedSystem(client, runId, profile.users);
    },
    warmUp: (context) => warmUp(context, profile.warmUpMs),
    plans: (context) => heraldPlans(context, options, profile),
  };
  await runOnTarget(target, run, { quick: options.quick, benchStart }, onRun);
}

/** Each floor variant in a process of its own, started and stopped around its scenarios. */
async function runFloor(
  sinks: Sinks,
  options: BenchOptions,
  runId: string,
  benchStart: number,
  track: (target: Target | undefined) => void,
  onRun: (run: ScenarioRun) => void,
): Promise<void> {
  const profile = options.quick ? PROFILES.quick : PROFILES.full;
  const seed = floorSeed(runId, profile.users);
  for (const batched of [false, true]) {
    log(`starting the floor${batched ? ' (batched status updates)' : ''} …`);
    const target = await floorTarget(sinks, { batched });
    track(target);
    const run: TargetRun = {
      seed: async () => seed,
      warmUp: (context) => floorWarmUp(context, profile.warmUpMs),
      plans: (context) => floorPlans(context, profile, batched),
    };
    try {
      await runOnTarget(target, run, { quick: options.quick, benchStart }, onRun);
    } finally {
      track(undefined);
      await target.close();
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const runId = `b${startedAt.getTime().toString(36)}${randomBytes(2).toString('hex')}`;
  const loadAverageBefore = Math.round(loadavg()[0]! * 100) / 100;
  const benchStart = performance.now();
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
  const runs: ScenarioRun[] = [];
  const onRun = (run: ScenarioRun) => {
    runs.push(run);
    saveProgress(runs.map(({ result }) => result));
  };
  const needsHerald = HERALD_SCENARIOS.some((name) => selected(options, name));
  const needsFloor = selected(options, 'floor');
  // Herald (when the bench starts it) and the floor send to the same sinks.
  const sinks = (needsHerald && !options.url) || needsFloor ? await startSinks() : undefined;
  let running: Target | undefined;
  // Ctrl-C stops what runs and removes the run's databases, queues and keys; the figures of the
  // scenarios already done are on disk.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping …`);
    void Promise.allSettled([running?.close()])
      .then(() => sinks?.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    if (needsHerald) {
      log(
        options.url ? `target: ${options.url}` : 'starting the whole system (build first: npm run build) …',
      );
      const target = options.url
        ? remoteTarget(options.url, options.adminKey!)
        : await localTarget(sinks!, { runId, profileDir: options.profileDir });
      running = target;
      try {
        await runHerald(target, options, runId, benchStart, onRun);
      } finally {
        running = undefined;
        await target.close();
      }
      if (target.logDir) log(`service logs: ${target.logDir}`);
    }
    // After Herald has stopped, so that its idle services do not count in the floor's machine CPU.
    if (needsFloor) {
      await runFloor(sinks!, options, runId, benchStart, (target) => (running = target), onRun);
    }
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await sinks?.close();
  }
  const scenarios = runs.map(settleDeliveries);
  const ceilings: Ceiling[] = selected(options, 'ceilings') ? await measureCeilings(options.quick, log) : [];
  const result = summarize(scenarios, ceilings);
  const files = writeResults(options.outDir, result);
  log(`\n${scenarioTable(scenarios)}\n\n${targetTable(result)}\n\n${floorCpuTable(scenarios)}\n`);
  for (const ratio of result.ratios) log(`${ratio.label}: ${ratio.ratio ?? '–'}`);
  log(`\nwrote ${files.json}\n      ${files.markdown}\n      ${files.chart}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
