import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../../src/metrics/metrics';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

/** Every `expr` anywhere in a Grafana dashboard (panels, rows, nested panels). */
function exprsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(exprsOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'expr' && typeof value === 'string' ? [value] : exprsOf(value)));
}

/** The metric names an expression reads: ours and Node's default ones (label values and functions are not names). */
function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b((?:ivrpay|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]);
}

/** Registered name → type, with a histogram's series (_bucket, _sum, _count) resolved to it. */
async function registeredSeries(): Promise<Set<string>> {
  const metrics = await createMetrics().registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap(({ name, type }) =>
      String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
    ),
  );
}

describe('ops: the Grafana dashboard and the Prometheus alert rules', () => {
  const dashboard = JSON.parse(read('ops/grafana/ivrpay-dashboard.json')) as { uid: string; panels: { id: number }[] };
  const rules = (
    parse(read('ops/prometheus/ivrpay-alerts.yml')) as { groups: { name: string; rules: AlertRule[] }[] }
  ).groups.flatMap((group) => group.rules);

  it('when the dashboard names a metric, then the service registers it', async () => {
    const series = await registeredSeries();
    const names = exprsOf(dashboard).flatMap(metricNamesIn);
    expect(names.length).to.be.greaterThan(20);
    expect([...new Set(names)].filter((name) => !series.has(name))).to.deep.equal([]);
  });

  it('when an alert rule names a metric, then the service registers it', async () => {
    const series = await registeredSeries();
    const names = rules.flatMap((rule) => metricNamesIn(rule.expr));
    expect(names.length).to.be.greaterThan(5);
    expect([...new Set(names)].filter((name) => !series.has(name))).to.deep.equal([]);
  });

  it('when the service registers an ivrpay metric, then the dashboard shows it', async () => {
    const shown = new Set(exprsOf(dashboard).flatMap(metricNamesIn));
    const ours = (await createMetrics({ processMetrics: false }).registry.getMetricsAsJSON()).map((m) => m.name);
    expect(ours.filter((name) => ![name, `${name}_bucket`].some((series) => shown.has(series)))).to.deep.equal([]);
  });

  it('has the alerts operators need, each with a severity and a summary, and unique panel ids', () => {
    const names = rules.map((rule) => rule.alert);
    expect(names).to.include.members([
      'IvrpayAriDisconnected',
      'IvrpayPaymentNeedsOperator',
      'IvrpayAcquirerErrors',
      'IvrpayWebhookBacklogGrowing',
      'IvrpayLinesSaturated',
    ]);
    expect(rules.filter((rule) => !rule.labels?.severity || !rule.annotations?.summary).map((r) => r.alert)).to.deep.equal([]);
    expect(rules.find((rule) => rule.alert === 'IvrpayAriDisconnected')?.for).to.equal('30s');
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('when an expression misspells a metric, then the check finds it', async () => {
    const series = await registeredSeries();
    expect(metricNamesIn('rate(ivrpay_calls_endd_total[5m]) and ivrpay_sms{status="ivrpay_x"}')).to.deep.equal([
      'ivrpay_calls_endd_total',
      'ivrpay_sms',
    ]);
    expect(series.has('ivrpay_calls_endd_total')).to.equal(false);
  });
});
