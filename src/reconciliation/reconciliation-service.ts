import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../services/service-deps';
import type { ReconciliationItemRow, ReconciliationRunRow } from '../store/reconciliation-rows';
import { applyPaymentActions, itemRow } from './apply-plan';
import { matchDay } from './match-day';
import { parseZmFile } from './parse-zm-file';
import { fetchReconciliationFile, type FileSourceOptions } from './reconciliation-file-source';
import { DISCREPANCY_KINDS } from './reconciliation-plan';
import type { RefundSettler } from './refund-settler';
import { settleRefunds } from './settle-refunds';
import { settlementWindow, shiftDay } from './settlement-window';
import { alertDiscrepancies } from './alert-discrepancies';
import { beijingDate } from './beijing-date';
import type { ZmRecord } from './zm-record';

export interface ReconciliationDeps extends ServiceDeps, Pick<FileSourceOptions, 'dir' | 'download'> {
  /** The configured acquirer merId: a file of another merchant is refused. */
  merId: string;
  /** HHmmss, Beijing: when the acquirer closes a settlement day (settlement-window.ts). */
  cutoff: string;
  /** The acquirer's orderId of a payment attempt (the adapter's rule). */
  acquirerOrderIdOf: (attemptId: string) => string;
  /** Settles refunds the file decides, as a notification or a query would. */
  refunds: RefundSettler;
}

export interface ReconciliationReport {
  run: ReconciliationRunRow;
  items: ReconciliationItemRow[];
}

/** How long a pending refund is its own feature's to settle (its query schedule is about a minute). */
const PENDING_REFUND_GRACE_MS = 10 * 60 * 1000;

/**
 * The daily reconciliation with the acquirer (issue 11 §2): fetch the date's ZM file, read it whole (a malformed
 * file is refused and nothing changes), match it, then settle payments and write the run in one transaction.
 * Repeating a date gives the same report, replaces its items, and queues no second event (forward-only moves).
 */
export function createReconciliationService(deps: ReconciliationDeps) {
  const log = deps.log.child({ component: 'reconciliation' });

  async function run(settleDate: string, opts: { file?: string } = {}): Promise<ReconciliationReport> {
    const dlog = log.child({ settleDate });
    let file, lines: ZmRecord[];
    try {
      file = await fetchReconciliationFile(settleDate, { ...deps, file: opts.file });
      lines = parseZmFile(file.text, { merId: deps.merId, settleDate, cutoff: deps.cutoff });
    } catch (err) {
      dlog.error({ alert: 'reconciliation_file_refused', reason: (err as Error).message }, 'reconciliation file refused');
      throw err;
    }
    const at = deps.now();
    const previous = new Map(
      (await deps.store.reconciliationRuns.items(settleDate)).flatMap((i) =>
        i.record_id && i.resolution ? [[i.record_id, i.resolution] as const] : [],
      ),
    );
    const dates = [shiftDay(settleDate, -1), settleDate, shiftDay(settleDate, 1)];
    const queryIds = lines.map((l) => l.queryId);
    const ours = {
      payments: await deps.store.reconciliationLedger.payments({
        dates,
        acquirerRefs: queryIds,
        states: ['sending', 'unknown', 'unknown_manual'],
      }),
      refunds: await deps.store.reconciliationLedger.refunds({
        dates,
        acquirerRefs: queryIds,
        orderIds: lines.map((l) => l.orderId),
        states: ['unknown', 'pending'],
      }),
    };
    const items = matchDay(lines, ours, {
      window: settlementWindow(settleDate, deps.cutoff),
      acquirerOrderIdOf: deps.acquirerOrderIdOf,
      pendingBefore: new Date(at.getTime() - PENDING_REFUND_GRACE_MS).toISOString(),
      previous,
    });

    const report = await deps.store.transaction(async (tx) => {
      await applyPaymentActions(tx, items, at, dlog);
      const runRow = await tx.reconciliationRuns.replace(
        {
          settle_date: settleDate,
          source: file.source,
          file_name: file.name,
          file_sha256: createHash('sha256').update(file.text, 'latin1').digest('hex'),
          line_count: lines.length,
          matched: items.filter((i) => i.kind === 'matched').length,
          discrepancies: items.filter((i) => DISCREPANCY_KINDS.includes(i.kind)).length,
          resolved: items.filter((i) => i.resolution).length,
          fee_total: lines.reduce((s, l) => s + l.fee, 0),
          settle_total: lines.reduce((s, l) => s + l.settleAmount, 0),
          last_run_at: at.toISOString(),
        },
        items.map((i) => itemRow(settleDate, i)),
      );
      return { run: runRow, items: await tx.reconciliationRuns.items(settleDate) };
    });
    // The refunds feature writes in its own units of work, so refunds settle after the run committed; one that
    // fails stays open and the next run of the date tries it again.
    await settleRefunds(deps.refunds, items, dlog);
    alertDiscrepancies(report.items, dlog);
    dlog.info(
      { lines: lines.length, matched: report.run.matched, discrepancies: report.run.discrepancies },
      'reconciliation run',
    );
    return report;
  }

  return {
    run,
    /** The run of the settlement date before today (Beijing): the job's. */
    runPreviousDay: () => run(shiftDay(beijingDate(deps.now()), -1)),
    async show(settleDate: string): Promise<ReconciliationReport | undefined> {
      const runRow = await deps.store.reconciliationRuns.find(settleDate);
      return runRow && { run: runRow, items: await deps.store.reconciliationRuns.items(settleDate) };
    },
  };
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>;
