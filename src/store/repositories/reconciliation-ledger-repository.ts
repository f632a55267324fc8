import type { PaymentAttemptRow, RefundRow } from '../payment-rows';
import type { Source } from '../source';

/**
 * Our side of a reconciliation, read from `payment_attempts` and `refunds`: what a settlement date's file is
 * matched against. Dates are Beijing YYYYMMDD prefixes of `txn_time`.
 */
export interface ReconciliationLedgerRepository {
  /** Attempts sent on these dates, or named by these acquirer serials, or in these states (any date). */
  payments(q: { dates: string[]; acquirerRefs: string[]; states: readonly string[] }): Promise<PaymentAttemptRow[]>;
  /** Refunds sent on these dates, or named by these serials or acquirer orderIds, or in these states. */
  refunds(q: { dates: string[]; acquirerRefs: string[]; orderIds: string[]; states: readonly string[] }): Promise<RefundRow[]>;
}

const SLICE = 400;

function slices(values: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < values.length; i += SLICE) out.push(values.slice(i, i + SLICE));
  return out;
}

export function createReconciliationLedgerRepository(db: Source): ReconciliationLedgerRepository {
  async function byKeys<R extends { id: string; amount: number }>(
    table: 'payment_attempts' | 'refunds',
    q: { dates: string[]; states: readonly string[]; keys: [column: 'acquirer_ref' | 'acquirer_order_id', values: string[]][] },
  ): Promise<R[]> {
    const found = new Map<string, R>();
    const add = (rows: unknown[]) => {
      for (const r of rows as R[]) found.set(r.id, { ...r, amount: Number(r.amount) });
    };
    for (const date of q.dates) add(await db.table(table).where('txn_time', 'like', `${date}%`));
    if (q.states.length > 0) add(await db.table(table).whereIn('state', q.states));
    for (const [column, values] of q.keys) for (const part of slices(values)) add(await db.table(table).whereIn(column, part));
    return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  return {
    payments: (q) => byKeys('payment_attempts', { ...q, keys: [['acquirer_ref', q.acquirerRefs]] }),
    refunds: (q) =>
      byKeys('refunds', {
        ...q,
        keys: [
          ['acquirer_ref', q.acquirerRefs],
          ['acquirer_order_id', q.orderIds],
        ],
      }),
  };
}
