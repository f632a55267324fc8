import { AppError } from '../domain/app-error';
import { addDays, beijingDate, beijingDayEnd, isDate } from '../domain/beijing-day';
import { feePlanFromRow } from '../fees/fee-plan-row';
import type { SettlementSettings } from '../config/settlement-settings';
import type { ServiceDeps } from '../services/service-deps';
import type { Repositories } from '../store/store';
import type { MerchantRow } from '../store/rows';
import type { SettlementBatchRow } from '../store/settlement-rows';
import { isUniqueViolation } from '../store/unique-violation';
import { newId } from '../store/new-id';
import { batchTotals } from './batch-totals';
import { journalLines } from './journal-lines';
import { settlementLineView, settlementView, type SettlementLineView, type SettlementView } from './settlement-view';

export interface SettlementStatement {
  settlement: SettlementView;
  lines: SettlementLineView[];
}

export interface SettlementService {
  /**
   * Closes settlement date `date` (YYYY-MM-DD) for every merchant: one batch each, written with its journal in one
   * transaction. A merchant's batch that exists already is returned unchanged, so a re-run changes nothing.
   * `validation_failed` (field `date`) for a bad date or one whose business day is not over yet in Beijing.
   */
  run(date: string): Promise<SettlementView[]>;
  /**
   * The daily job's run: today's settlement date in Beijing, or, when its business day is not over yet (T+0),
   * the latest date whose business day is.
   */
  runDue(): Promise<SettlementView[]>;
  list(filter: { date?: string; merchantId?: string }): Promise<SettlementView[]>;
  /** One batch with its lines; `not_found` when it does not exist or, given `merchantId`, is another merchant's. */
  statement(id: string, merchantId?: string): Promise<SettlementStatement>;
}

export function createSettlementService(
  deps: ServiceDeps & { settings: Pick<SettlementSettings, 'delayDays'> },
): SettlementService {
  const { store, log } = deps;

  function checkDate(date: string): void {
    if (!isDate(date)) throw new AppError('validation_failed', 'invalid date', { date: 'must be a date YYYY-MM-DD' });
  }

  async function settleMerchant(tx: Repositories, merchant: MerchantRow, date: string): Promise<SettlementBatchRow> {
    const existing = await tx.settlements.findBatchFor(merchant.id, date);
    if (existing) return existing;
    const businessDate = addDays(date, -deps.settings.delayDays);
    const dayEnd = beijingDayEnd(businessDate);
    const planRow = await tx.feePlans.find(merchant.id);
    const lines = journalLines({
      merchantId: merchant.id,
      businessDate,
      dayEnd,
      payments: await tx.settlementSources.paidPayments(merchant.id, dayEnd),
      refunds: await tx.settlementSources.succeededRefunds(merchant.id, dayEnd),
      legs: await tx.settlementSources.answeredLegs(merchant.id, dayEnd),
      plan: planRow && feePlanFromRow(planRow),
      journaledFeePeriods: await tx.settlements.journaledFeePeriods(merchant.id),
    });
    const totals = batchTotals(lines);
    const batch: SettlementBatchRow = {
      id: newId('stl'),
      merchant_id: merchant.id,
      settlement_date: date,
      business_date: businessDate,
      gross: totals.gross,
      refunds: totals.refunds,
      transaction_fees: totals.transactionFees,
      communication_fees: totals.communicationFees,
      annual_fees: totals.annualFees,
      opening_fees: totals.openingFees,
      net: totals.net,
      created_at: deps.now().toISOString(),
    };
    await tx.settlements.insertBatch(batch);
    await tx.settlements.insertEntries(
      lines.map((l) => ({
        batch_id: batch.id,
        merchant_id: merchant.id,
        source_kind: l.kind,
        source_id: l.sourceId,
        debit_account: l.debit,
        credit_account: l.credit,
        amount: l.amount,
        order_id: l.orderId,
        occurred_at: l.occurredAt,
        memo: l.memo,
      })),
    );
    log.info({ merchantId: merchant.id, settlementDate: date, lines: lines.length, net: totals.net }, 'settlement batch closed');
    return batch;
  }

  async function settleOnce(merchant: MerchantRow, date: string): Promise<SettlementBatchRow> {
    try {
      return await store.transaction((tx) => settleMerchant(tx, merchant, date));
    } catch (err) {
      // Another process closed the same batch first: its batch stands.
      const theirs = isUniqueViolation(err, 'settlement_date') && (await store.settlements.findBatchFor(merchant.id, date));
      if (theirs) return theirs;
      throw err;
    }
  }

  const names = async () => new Map((await store.merchants.list()).map((m) => [m.id, m.name]));

  const service: SettlementService = {
    async run(date) {
      checkDate(date);
      const businessDate = addDays(date, -deps.settings.delayDays);
      if (beijingDayEnd(businessDate) > deps.now().toISOString()) {
        throw new AppError('validation_failed', 'that business day is not over yet', {
          date: `covers business day ${businessDate}, not over yet in Beijing`,
        });
      }
      const views: SettlementView[] = [];
      for (const merchant of await store.merchants.list()) {
        views.push(settlementView(await settleOnce(merchant, date), merchant.name));
      }
      return views;
    },

    runDue() {
      const today = beijingDate(deps.now());
      const latest = addDays(addDays(today, -1), deps.settings.delayDays);
      return service.run(latest < today ? latest : today);
    },

    async list(filter) {
      if (filter.date !== undefined) checkDate(filter.date);
      const byId = await names();
      const rows = await store.settlements.listBatches({ settlementDate: filter.date, merchantId: filter.merchantId });
      return rows.map((row) => settlementView(row, byId.get(row.merchant_id) ?? ''));
    },

    async statement(id, merchantId) {
      const row = await store.settlements.findBatch(id);
      if (!row || (merchantId !== undefined && row.merchant_id !== merchantId)) {
        throw new AppError('not_found', 'no such settlement');
      }
      const merchant = await store.merchants.find(row.merchant_id);
      const lines = await store.settlements.entriesOf(id);
      return { settlement: settlementView(row, merchant?.name ?? ''), lines: lines.map(settlementLineView) };
    },
  };
  return service;
}
