import { beijingDate, beijingDayEnd, beijingDayStart } from '../domain/beijing-day';
import type { AttemptState } from '../domain/payment-attempt-state';
import type { CallbackCounts, WebhookBacklog } from '../store/repositories/console-repository';
import type { Store } from '../store/store';
import type { LiveCalls } from './live-calls';

/** The attempts the console offers to query: those only a query or the reconciliation file can settle. */
export const QUERYABLE_STATES: readonly AttemptState[] = ['unknown', 'unknown_manual'];

export interface CallRow {
  /** The order's id masked to its last characters; null until the caller has keyed a pay code. */
  order: string | null;
  merchant: string | null;
  mode: string;
  field: string | null;
  seconds: number;
}

export interface TodayPayments {
  /** The Beijing day, YYYY-MM-DD. */
  date: string;
  attempts: number;
  approved: number;
  /** Integer fen. */
  approvedAmount: number;
  declined: number;
  /** Still without a final word (sending, unknown, unknown_manual). */
  unresolved: number;
  /** approved / (approved + declined); null before the first final answer. */
  successRate: number | null;
  declineReasons: { reason: string; count: number }[];
}

export interface UnresolvedRow {
  attemptId: string;
  orderId: string;
  merchant: string;
  amount: number;
  state: AttemptState;
  /** Bank and the last four digits: the most the console shows of a card. */
  card: string;
  createdAt: string;
}

export interface Overview {
  at: string;
  calls: CallRow[];
  today: TodayPayments;
  callbacks: CallbackCounts;
  lines: { inbound: number; outbound: number; capacity: number };
  webhooks: WebhookBacklog;
  unresolved: UnresolvedRow[];
}

/** uPlot's columns: minute starts in Unix seconds, then one count per minute for each series. */
export interface Series {
  minutes: number[];
  calls: number[];
  payments: number[];
  approved: number[];
}

export interface ConsoleDataDeps {
  store: Pick<Store, 'console'>;
  now: () => Date;
  liveCalls: Pick<LiveCalls, 'list'>;
  /** Lines in use now (the Stasis app's counters) and TRUNK_LINES. */
  lines: () => { inbound: number; outbound: number; capacity: number };
}

const UNRESOLVED_SHOWN = 50;
const MINUTE_MS = 60_000;

/** `ord_5f0c…a1b2c3` → `ord_…a1b2c3`: enough to tell calls apart on a shared screen. */
export function maskId(id: string): string {
  const cut = id.indexOf('_') + 1;
  return id.length - cut <= 6 ? id : `${id.slice(0, cut)}…${id.slice(-6)}`;
}

function lastFour(masked: string): string {
  return masked.length >= 4 ? `····${masked.slice(-4)}` : '····';
}

/** What the operator console shows (issue 15 §4), for every merchant, with no card data. */
export function createConsoleData(deps: ConsoleDataDeps) {
  const repo = deps.store.console;

  async function calls(at: Date): Promise<CallRow[]> {
    const live = deps.liveCalls.list();
    const orders = new Map((await repo.ordersInCalls(live.map((c) => c.callId))).map((o) => [o.callId, o]));
    return live.map((call) => {
      const order = orders.get(call.callId);
      return {
        order: order ? maskId(order.orderId) : null,
        merchant: order?.merchantName ?? null,
        mode: call.mode,
        field: call.field ?? null,
        seconds: Math.max(0, Math.round((at.getTime() - call.startedAt.getTime()) / 1000)),
      };
    });
  }

  async function today(at: Date): Promise<TodayPayments> {
    const date = beijingDate(at);
    const [from, to] = [beijingDayStart(date), beijingDayEnd(date)];
    const byState = await repo.attemptsByState(from, to);
    const of = (...states: AttemptState[]) => byState.filter((s) => states.includes(s.state));
    const count = (...states: AttemptState[]) => of(...states).reduce((n, s) => n + s.count, 0);
    const approved = count('approved');
    const declined = count('declined');
    return {
      date,
      attempts: byState.reduce((n, s) => n + s.count, 0),
      approved,
      approvedAmount: of('approved').reduce((n, s) => n + s.amount, 0),
      declined,
      unresolved: count('sending', 'unknown', 'unknown_manual'),
      successRate: approved + declined === 0 ? null : approved / (approved + declined),
      declineReasons: await repo.declineReasons(from, to),
    };
  }

  return {
    async overview(): Promise<Overview> {
      const at = deps.now();
      const unresolved = await repo.unresolved(QUERYABLE_STATES, UNRESOLVED_SHOWN);
      return {
        at: at.toISOString(),
        calls: await calls(at),
        today: await today(at),
        callbacks: await repo.callbackCounts(at.toISOString()),
        lines: deps.lines(),
        webhooks: await repo.webhookBacklog(at.toISOString()),
        unresolved: unresolved.map((u) => ({
          attemptId: u.id,
          orderId: u.orderId,
          merchant: u.merchantName,
          amount: u.amount,
          state: u.state,
          card: `${u.cardBank} ${lastFour(u.cardMasked)}`,
          createdAt: u.createdAt,
        })),
      };
    },

    /** Calls and payments per minute over the last `hours`, the current minute included. */
    async series(hours: number): Promise<Series> {
      const last = Math.floor(deps.now().getTime() / MINUTE_MS) * MINUTE_MS;
      const count = hours * 60;
      const first = last - (count - 1) * MINUTE_MS;
      const fromIso = new Date(first).toISOString();
      const index = (minute: string) => (Date.parse(`${minute}:00.000Z`) - first) / MINUTE_MS;
      const series: Series = {
        minutes: Array.from({ length: count }, (_, i) => (first + i * MINUTE_MS) / 1000),
        calls: new Array<number>(count).fill(0),
        payments: new Array<number>(count).fill(0),
        approved: new Array<number>(count).fill(0),
      };
      for (const row of await repo.callsPerMinute(fromIso)) {
        const i = index(row.minute);
        if (i >= 0 && i < count) series.calls[i] = row.count;
      }
      for (const row of await repo.paymentsPerMinute(fromIso)) {
        const i = index(row.minute);
        if (i >= 0 && i < count) [series.payments[i], series.approved[i]] = [row.count, row.approved];
      }
      return series;
    },
  };
}

export type ConsoleData = ReturnType<typeof createConsoleData>;
