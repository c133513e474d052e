import type { ScenarioResult } from '../scenario';
import { SERVICE_NAMES } from '@herald/testkit';
import { cpuBudget, cpuPerDelivered, FLOOR_PAIRS, machineMsPerDelivered } from './assess';
import type { BenchResult } from './bench-result';

const SERVICES: ReadonlySet<string> = new Set(SERVICE_NAMES);

const show = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '–' : `${value}`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** The main table: one row per scenario. Also printed to stdout. */
export function scenarioTable(scenarios: readonly ScenarioResult[]): string {
  return table(
    [
      'scenario',
      'accepted',
      'accepted/s',
      'accept p50/p95/p99 ms',
      'delivered/s',
      'median s',
      'e2e p50/p99 ms',
      'success',
      'dup',
      'lost',
      'late',
      'failed req',
    ],
    scenarios.map((scenario) => {
      const deliveries = scenario.deliveries;
      const accept = scenario.acceptLatencyMs;
      return [
        scenario.title,
        show(scenario.accepted),
        show(scenario.acceptedPerSecond),
        `${show(accept.p50)} / ${show(accept.p95)} / ${show(accept.p99)}`,
        show(deliveries?.deliveredPerSecond),
        show(deliveries?.sustainedDeliveredPerSecond),
        deliveries ? `${show(deliveries.latencyMs.p50)} / ${show(deliveries.latencyMs.p99)}` : '–',
        deliveries?.successRate === null || deliveries === null
          ? '–'
          : `${(deliveries.successRate * 100).toFixed(2)}%`,
        show(deliveries?.duplicates),
        show(deliveries?.lost),
        show(deliveries?.lateAfterDrain),
        show(scenario.failedRequests),
      ];
    }),
  );
}

export function targetTable(result: BenchResult): string {
  return table(
    ['target', 'Herald', 'floor', 'Herald ÷ floor', 'limit', 'met', 'what bounds it'],
    result.targets.map((check) => [
      check.target,
      show(check.herald),
      show(check.floor),
      show(check.ratio),
      check.limit,
      check.met === null ? '–' : check.met ? 'yes' : 'no',
      check.met === false ? show(check.bound) : '',
    ]),
  );
}

/**
 * Each compared Herald scenario's CPU per delivered notification, process by process, beside
 * its floor's: where Herald spends what the floor does not.
 */
export function floorCpuTable(scenarios: readonly ScenarioResult[]): string {
  const names = [...new Set(FLOOR_PAIRS.flat())].filter((name) =>
    scenarios.some((scenario) => scenario.name === name && scenario.processes),
  );
  if (names.length === 0) return '_No Herald scenario and its floor ran with per-process readings._';
  const columns = names.map((name) => cpuPerDelivered(scenarios.find((scenario) => scenario.name === name)!));
  const rows = [...new Set(columns.flatMap((column) => Object.keys(column)))];
  // The machine and what no process accounts for go last.
  const order = (row: string) => (row === 'machine' ? 2 : row === 'rest of the machine' ? 1 : 0);
  rows.sort((a, b) => order(a) - order(b));
  return table(
    ['CPU ms per delivered notification', ...names],
    rows.map((row) => [row, ...columns.map((column) => show(column[row]))]),
  );
}

/** CPU per accepted notification holds up on a shared machine better than rates do. */
function cpuMsPerNotification(scenario: ScenarioResult, names: readonly string[]): string {
  if (scenario.accepted === 0) return '–';
  const seconds = names.reduce((sum, name) => sum + (scenario.processes?.[name]?.cpuSeconds ?? 0), 0);
  return `${((seconds * 1000) / scenario.accepted).toFixed(1)}`;
}

function usageTable(scenarios: readonly ScenarioResult[], cores: number): string {
  const processes = [...new Set(scenarios.flatMap((scenario) => Object.keys(scenario.processes ?? {})))];
  if (processes.length === 0) return '_Not measured: the bench did not start the processes (`--url`)._';
  const services = processes.filter((name) => SERVICES.has(name));
  return table(
    [
      'scenario',
      ...processes,
      'services CPU ms per accepted notification',
      'machine busy',
      'machine CPU ms per accepted notification',
      'machine CPU ms per delivered notification',
      'rate that fills the cores',
    ],
    scenarios.map((scenario) => {
      const budget = cpuBudget(scenario, cores);
      return [
        scenario.name,
        ...processes.map((name) => {
          const usage = scenario.processes?.[name];
          return usage ? `${usage.cpuSeconds} s / ${usage.peakRssMb} MB` : '–';
        }),
        cpuMsPerNotification(scenario, services),
        budget ? `${Math.round(budget.busyShare * 100)}%` : '–',
        show(budget?.machineMs),
        show(machineMsPerDelivered(scenario)),
        budget ? `${budget.boundPerSecond}/s` : '–',
      ];
    }),
  );
}

function detailSections(scenarios: readonly ScenarioResult[]): string[] {
  const sections: string[] = [];
  for (const scenario of scenarios) {
    const groups = Object.entries(scenario.deliveries?.latencyByGroupMs ?? {});
    if (groups.length > 0) {
      sections.push(
        `### ${scenario.title}: accept→delivery by channel and priority`,
        '',
        table(
          ['group', 'delivered', 'p50 ms', 'p99 ms'],
          groups
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([group, latency]) => [group, show(latency.count), show(latency.p50), show(latency.p99)]),
        ),
        '',
      );
    }
    if (Object.keys(scenario.failures).length > 0) {
      const failures = Object.entries(scenario.failures).map(([reason, count]) => `${count} × ${reason}`);
      sections.push(`${scenario.title}: failed requests: ${failures.join(', ')}.`, '');
    }
    if (Object.keys(scenario.extra).length > 0) {
      sections.push(
        `### ${scenario.title}`,
        '',
        '```json',
        JSON.stringify(scenario.extra, null, 2),
        '```',
        '',
      );
    }
  }
  return sections;
}

/** The summary committed beside the JSON: tables, the chart, and what the machine was doing. */
export function renderMarkdown(result: BenchResult, chartFile: string): string {
  const { machine } = result;
  return [
    `# Herald benchmark ${result.startedAt}`,
    '',
    `${result.mode === 'local' ? 'Whole system started by the bench' : `Running system at ${result.gatewayUrl}`}` +
      `${result.quick ? ', quick run (short scenarios: figures are indicative only)' : ''}. ` +
      `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}; ` +
      `load average ${machine.loadAverageBefore} before, ${machine.loadAverageAfter} after. ` +
      'PostgreSQL, Redis, RabbitMQ, the six services, the sinks and the load generator share this machine.',
    '',
    '## Targets',
    '',
    'Each target compares Herald with the floor measured in the same run: one plain process doing ' +
      'the same durable work (HTTP accept, one insert of the notification and its ACCEPTED event, a ' +
      'confirmed persistent publish; a consumer writing SENDING, rendering, sending to the same SMTP ' +
      'sink, writing DELIVERED, acking). CPU is all of the machine over the scenario and its drain, per ' +
      'notification delivered in that window.',
    '',
    targetTable(result),
    '',
    floorCpuTable(result.scenarios),
    '',
    '## Scenarios',
    '',
    scenarioTable(result.scenarios),
    '',
    `![throughput and latency over time](${chartFile})`,
    '',
    '## Ceilings of this machine, and Herald as a fraction of them',
    '',
    table(
      ['ceiling', 'rate', 'detail'],
      result.ceilings.map((ceiling) => [
        ceiling.title,
        `${ceiling.perSecond} ${ceiling.unit}`,
        Object.entries(ceiling.detail)
          .map(([key, value]) => `${key} ${show(value)}`)
          .join(', '),
      ]),
    ),
    '',
    table(
      ['ratio', 'Herald', 'ceiling', 'ratio'],
      result.ratios.map((ratio) => [ratio.label, show(ratio.herald), show(ratio.ceiling), show(ratio.ratio)]),
    ),
    '',
    '## CPU seconds and peak RSS per process, per scenario (the scenario and its drain)',
    '',
    'The servers count every process of theirs (peak RSS: the largest one). "Machine" is all of the ' +
      "machine's CPU over the same window, the kernel included; the rate that fills the cores is the " +
      'number of cores divided by the machine CPU per notification: the most that work could reach here.',
    '',
    usageTable(result.scenarios, machine.cpus),
    '',
    ...detailSections(result.scenarios),
  ].join('\n');
}
