import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { FAILED_QUEUE_BOUND } from '@herald/amqp';
import { parse } from 'yaml';
import { startNotifications, type RunningNotifications } from './start-notifications';

interface AlertRule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

const MONITORING = join(__dirname, '..', '..', '..', 'monitoring');
const rules = (
  parse(readFileSync(join(MONITORING, 'alerts.yml'), 'utf8')) as { groups: { rules: AlertRule[] }[] }
).groups.flatMap((group) => group.rules);

/** The metric names an expression selects; throws on anything Prometheus would not parse. */
function selectedMetrics(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  let errors = 0;
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors += 1;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        names.push(expr.slice(node.from, node.to));
      }
    },
  });
  if (errors > 0) throw new Error(`not PromQL: ${expr}`);
  return names;
}

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

describe('the alert rules in monitoring/', () => {
  it('are loaded by the Prometheus configuration', () => {
    const config = parse(readFileSync(join(MONITORING, 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
    };
    expect(config.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
  });

  it('are valid PromQL with a severity and a summary', () => {
    for (const rule of rules) {
      expect(selectedMetrics(rule.expr).length).toBeGreaterThan(0);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
    }
  });

  it('select only series the notifications service exposes', async () => {
    const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
    const exposed = new Set(
      text
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .map((line) => line.split(' ')[2]),
    );
    const selected = [...new Set(rules.flatMap((rule) => selectedMetrics(rule.expr)))];
    expect(selected.filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('cover every notification the sweeper resolves', () => {
    const covering = rules.filter((rule) =>
      selectedMetrics(rule.expr).includes('herald_notifications_swept_total'),
    );
    expect(covering.map((rule) => rule.labels?.severity).sort()).toEqual(['critical', 'warning']);
    // Grouped by the status swept and the reason, so the alert says which bound was crossed.
    expect(covering.every((rule) => /by \(status, reason\)/.test(rule.expr))).toBe(true);
  });

  it('warn before failed.queue reaches its bound and starts dropping its oldest dead letters', () => {
    const nearBound = rules.find((rule) => rule.alert === 'HeraldDeadLettersNearBound');
    expect(selectedMetrics(nearBound!.expr)).toEqual(['herald_queue_messages']);
    // PromQL's string escape: the regex matches the queue name with its dot, any AMQP prefix before it.
    expect(nearBound!.expr).toContain('{queue=~".*failed\\\\.queue"}');
    const threshold = Number(/> (\d+)$/.exec(nearBound!.expr)?.[1]);
    expect(threshold).toBeGreaterThan(0);
    expect(threshold).toBeLessThan(FAILED_QUEUE_BOUND.maxLength);
  });

  it.each([
    ['HeraldEmailBounceRateHigh', 'hard_bounce', 0.05],
    ['HeraldEmailComplaintRateHigh', 'complaint', 0.001],
  ])("%s fires on the %s rate per category past the providers' threshold", (alert, kind, threshold) => {
    const rule = rules.find((candidate) => candidate.alert === alert);
    expect(rule?.labels?.severity).toBe('critical');
    expect(selectedMetrics(rule!.expr).sort()).toEqual([
      'herald_email_feedback_total',
      'herald_notifications_delivered_total',
      'herald_notifications_delivered_total',
    ]);
    // The feedback of that kind over email deliveries, both per category, compared with the threshold.
    expect(rule!.expr).toContain(`herald_email_feedback_total{kind="${kind}"}`);
    expect(rule!.expr).toMatch(/by \(category\)[\s\S]*\/ sum by \(category\)/);
    expect(Number(/\) > ([\d.]+)/.exec(rule!.expr)?.[1])).toBe(threshold);
  });
});
