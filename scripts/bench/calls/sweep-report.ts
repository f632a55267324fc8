import { describeMachine, type MachineFacts } from '../lib/machine-facts';
import { fixed, markdownTable } from '../lib/markdown-table';
import type { AppQueues } from '../lib/asterisk-queues';
import { BENCH_APP, CALLER_APP } from './call-plan';
import { KNEE_P99_MS, type Knees } from './knee';
import type { SweepLevel } from './sweep-level';

export interface SweepResult {
  benchmark: 'calls-sweep';
  machine: MachineFacts;
  asterisk: { version: string; pid: number };
  settings: {
    levels: number[];
    /** 'calls / 25 s' or the --ramp given. */
    ramp: string;
    /** --lines: the service's TRUNK_LINES; absent, every call is admitted unless the overload guard refuses it. */
    lines?: number;
    [other: string]: string | number | number[] | undefined;
  };
  levels: SweepLevel[];
  knees: Knees;
  /** Why the sweep stopped before its last level. */
  stoppedEarly?: string;
}

const pct = (part: number, whole: number) => (whole > 0 ? fixed((part * 100) / whole, 1) : '–');
const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : fixed(x, 0));
const notRun = (n: number) => Array<string>(n).fill('not run');

function kneeLine(name: string, knee: number | undefined, holds: string, lowest: number): string {
  const at = knee === undefined ? `below ${lowest} calls (the lowest level does not hold)` : `**${knee}** calls`;
  return `- ${name}: ${at}; ${holds}, and p99 key → next prompt ≤ ${KNEE_P99_MS} ms, at that level and every one below.`;
}

/** The sweep's tables: one row per level, then the ARI cost per call, then the knees. */
export function sweepReport(result: SweepResult): string {
  const { levels, knees } = result;
  const calls = markdownTable(
    [
      'calls',
      'dialplan completed %',
      'dialplan p99 ms',
      'app paid % of admitted',
      'app p99 ms',
      'key → app asks p99 ms',
      'ask → Asterisk starts p99 ms',
      'admitted',
      'admitted, paid',
      'admitted, failed',
      'refused',
    ],
    levels.map(({ level, dialplan: d, app }) => [
      level,
      pct(d.completed, d.calls),
      ms(d.p99Ms),
      ...(app
        ? [
            pct(app.paid, app.admitted),
            ms(app.p99Ms),
            ms(app.keyToAppP99Ms),
            ms(app.appToPromptP99Ms),
            app.admitted,
            app.paid,
            app.failed,
            app.refused,
          ]
        : notRun(8)),
    ]),
  );
  const cost = markdownTable(
    ['calls', 'ARI requests / call', 'ARI events / call', 'event KB / call'],
    levels.map(({ level, app }) => {
      const c = app?.ariPerCall;
      return [
        level,
        ...(c ? [fixed(c.requestsPerCall, 1), fixed(c.eventsPerCall, 1), fixed(c.eventBytesPerCall / 1024, 1)] : notRun(3)),
      ];
    }),
  );
  const queue = (q: AppQueues | undefined, app: string) => (q && app in q ? String(q[app]) : '–');
  const queues = markdownTable(
    ['calls', 'dialplan phase: cardholders’ app', 'app phase: cardholders’ app', 'app phase: ivrpay’s app'],
    levels.map(({ level, dialplan: d, app }) => [
      level,
      queue(d.ariQueueMax, CALLER_APP),
      ...(app ? [queue(app.ariQueueMax, CALLER_APP), queue(app.ariQueueMax, BENCH_APP)] : notRun(2)),
    ]),
  );
  const lowest = levels[0]?.level ?? 0;
  const appKnee = knees.app !== undefined && knees.dialplan ? ` (${pct(knees.app, knees.dialplan)} % of the baseline's)` : '';
  return [
    `### bench:calls --sweep ${levels.map((l) => l.level).join(',')}, ramp ${result.settings.ramp}${result.settings.lines ? `, TRUNK_LINES ${result.settings.lines}` : ''}`,
    `Machine: ${describeMachine(result.machine, { Asterisk: result.asterisk.version })}.`,
    '',
    calls,
    '',
    "ivrpay's ARI traffic per call placed (refused calls included):",
    '',
    cost,
    '',
    "Most events waiting in an ARI app's queue inside Asterisk (its task processor, sampled each second; – not sampled):",
    '',
    queues,
    '',
    'Knees:',
    kneeLine('dialplan baseline', knees.dialplan, 'every call completed', lowest),
    kneeLine(`ivrpay${appKnee}`, knees.app, 'every admitted call paid (refused calls apart)', lowest),
    kneeLine('ivrpay with no call refused', knees.appNoneRefused, 'every call placed admitted and paid', lowest),
    ...(result.stoppedEarly ? ['', `Stopped early: ${result.stoppedEarly}.`] : []),
  ].join('\n');
}
