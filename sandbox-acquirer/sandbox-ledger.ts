import fs from 'node:fs';
import path from 'node:path';
import { addDays } from '../src/domain/beijing-day';
import { shanghaiTimestamp } from '../src/domain/shanghai-timestamp';

/**
 * The sandbox acquirer's daily cut-off, Beijing HHmm, as UnionPay's 23:00: a transaction received after it
 * settles the next day (its reconciliation file), and a cancel (31) is taken only before it.
 */
export const SANDBOX_CUT_OFF = '2300';

/**
 * The sandbox acquirer's record of the transactions it decided, so queries, cancels, refunds and
 * the reconciliation file work. Card data: the masked number only (what a reconciliation file shows).
 * Optionally kept in a JSON file so a restarted sandbox still answers queries.
 */
export interface LedgerEntry {
  merId: string;
  orderId: string;
  txnTime: string;
  /** 01 consume, 31 cancel, 04 refund. */
  txnType: string;
  amountFen: number;
  /** The transaction's final code (a query's origRespCode). */
  respCode: string;
  /** 21 characters: the Beijing receive time and a 7-digit serial. */
  queryId: string;
  traceNo: string;
  /** Beijing MMDDhhmmss of receipt. */
  traceTime: string;
  /** YYYYMMDD (Beijing): the receive date, or the day after when received after the cut-off (SANDBOX_CUT_OFF). */
  settleDate: string;
  maskedPan?: string;
  reqReserved?: string;
  origQryId?: string;
  /** What queries say of it instead of respCode: 03 for a charge whose answer was lost (only the file tells). */
  queriesSay?: string;
  /** Fen already refunded or cancelled against this consume. */
  reversedFen?: number;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'queryId' | 'traceNo' | 'traceTime' | 'settleDate'>;

export interface SandboxLedger {
  record(entry: NewLedgerEntry, now: Date): LedgerEntry;
  find(merId: string, orderId: string, txnTime: string): LedgerEntry | undefined;
  hasOrder(merId: string, orderId: string): boolean;
  findByQueryId(queryId: string): LedgerEntry | undefined;
  /** Adds to a consume's reversed amount. */
  addReversed(queryId: string, amountFen: number): void;
  entries(): readonly LedgerEntry[];
}

export function createSandboxLedger(opts: { file?: string } = {}): SandboxLedger {
  const entries: LedgerEntry[] = opts.file ? load(opts.file) : [];
  let serial = entries.length;

  function save(): void {
    if (!opts.file) return;
    fs.mkdirSync(path.dirname(opts.file), { recursive: true });
    const tmp = `${opts.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries, null, 1));
    fs.renameSync(tmp, opts.file);
  }

  return {
    record(entry, now) {
      serial += 1;
      const beijing = shanghaiTimestamp(now);
      const full: LedgerEntry = {
        ...entry,
        queryId: `${beijing}${String(serial % 10_000_000).padStart(7, '0')}`,
        traceNo: String(serial % 1_000_000).padStart(6, '0'),
        traceTime: beijing.slice(4),
        settleDate: settleDateOf(beijing),
      };
      entries.push(full);
      save();
      return full;
    },
    find: (merId, orderId, txnTime) => entries.find((e) => e.merId === merId && e.orderId === orderId && e.txnTime === txnTime),
    hasOrder: (merId, orderId) => entries.some((e) => e.merId === merId && e.orderId === orderId),
    findByQueryId: (queryId) => entries.find((e) => e.queryId === queryId),
    addReversed(queryId, amountFen) {
      const entry = entries.find((e) => e.queryId === queryId);
      if (!entry) return;
      entry.reversedFen = (entry.reversedFen ?? 0) + amountFen;
      save();
    },
    entries: () => entries,
  };
}

function load(file: string): LedgerEntry[] {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LedgerEntry[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The settlement date of a transaction received at `beijing` (YYYYMMDDhhmmss). */
export function settleDateOf(beijing: string): string {
  if (beijing.slice(8, 12) < SANDBOX_CUT_OFF) return beijing.slice(0, 8);
  const day = `${beijing.slice(0, 4)}-${beijing.slice(4, 6)}-${beijing.slice(6, 8)}`;
  return addDays(day, 1).replace(/-/g, '');
}
