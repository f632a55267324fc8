import type { RunResult } from './run-one';
import type { ChaosSummary } from './run-chaos';

/** The command that runs one run of a chaos seed again, alone. */
export function replayCommand(seed: number, index: number): string {
  return `npm run chaos -- --seed ${seed} --only ${index}`;
}

function rows(entries: Array<[string, number]>): string[] {
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, n]) => `  ${k.padEnd(width)}  ${String(n).padStart(6)}`);
}

/** What went wrong in one run, with what it was asked to survive and how to replay it. */
export function describeFailedRun(seed: number, r: RunResult): string {
  const lines = [`run ${r.index} failed (seed ${seed}, run seed ${r.plan.seed}, ${r.ms} ms):`];
  if (r.error) lines.push(`  the run broke: ${r.error}`);
  for (const v of r.verdict.violations) lines.push(`  [${v.invariant}] ${v.detail}`);
  lines.push(`  faults: ${[...r.faults].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
  lines.push(`  calls: ${r.outcomes.join(', ') || 'none'}`);
  lines.push(`  plan: ${JSON.stringify({ ...r.plan, acquirer: undefined, notify: undefined, merchant5xx: undefined })}`);
  lines.push(`  files: ${r.dir}`);
  lines.push(`  replay: ${replayCommand(seed, r.index)}`);
  return lines.join('\n');
}

export function formatSummary(seed: number, s: ChaosSummary): string {
  const violations = [...s.violations.values()].reduce((a, b) => a + b, 0);
  const broke = s.failed.filter((r) => r.error).length;
  const faults = [...s.faults].sort(([a], [b]) => a.localeCompare(b));
  const a = s.activity;
  return [
    `runs: ${s.runs} (seed ${seed})`,
    `payments: ${a.orders} orders, ${a.paid} paid; ${a.attempts} attempts, ${a.consumes} consumes reached the acquirer, ` +
      `${a.approvedConsumes} approved; ${a.events} merchant events, ${a.deliveries} deliveries`,
    'faults by kind:',
    ...rows(faults),
    `  ${'total'.padEnd(Math.max(0, ...faults.map(([k]) => k.length)))}  ${String(faults.reduce((n, [, c]) => n + c, 0)).padStart(6)}`,
    'violations by invariant:',
    ...rows([...s.violations]),
    `violations: ${violations}, runs that broke: ${broke}, runs unsettled at the check: ${s.unsettled}`,
    `runs whose settling jumped the clock 2 h to make notification retries due: ${s.settledWithJumps}`,
    `charged orders left to the reconciliation file (unknown_manual, alerted): ${s.flagged}`,
    `time: ${(s.ms / 1000).toFixed(1)} s (${(s.ms / Math.max(1, s.runs) / 1000).toFixed(2)} s a run)`,
    ...s.failed.map((r) => describeFailedRun(seed, r)),
  ].join('\n');
}
