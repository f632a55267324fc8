import type { FeePlan } from '../fees/fee-plan-schema';
import { annualPeriodsDue, billableMinutes, transactionFee } from '../fees/fee-rules';
import type { EndedLeg, PaidPayment, SucceededRefund } from '../store/repositories/settlement-source-repository';
import type { EntryKind } from '../store/settlement-rows';
import { ACCOUNTS } from './journal-accounts';

/** A journal line before it has a batch. */
export interface JournalLine {
  kind: EntryKind;
  sourceId: string;
  debit: string;
  credit: string;
  amount: number;
  orderId: string | null;
  occurredAt: string;
  memo: string;
}

export interface BatchSources {
  merchantId: string;
  /** The business day the batch covers, YYYY-MM-DD Beijing; its end is `occurredAt` of fee-period lines. */
  businessDate: string;
  dayEnd: string;
  payments: PaidPayment[];
  refunds: SucceededRefund[];
  legs: EndedLeg[];
  /** Undefined when the merchant has no plan: no fees. */
  plan?: FeePlan;
  /** Whether the opening fee / these annual periods were journaled already (source ids). */
  journaledFeePeriods: ReadonlySet<string>;
}

const { acquirerClearing, merchantPayable, feeIncome } = ACCOUNTS;

export const openingSourceId = (merchantId: string) => `${merchantId}:opening`;
export const annualSourceId = (merchantId: string, period: number) => `${merchantId}:annual:${period}`;

/** The journal lines of one batch, pure: fees follow the rounding rule of src/fees/fee-rules.ts, per item. */
export function journalLines(s: BatchSources): JournalLine[] {
  const lines: JournalLine[] = [];
  const fee = (kind: EntryKind, sourceId: string, amount: number, orderId: string | null, occurredAt: string, memo: string) => {
    if (amount > 0) lines.push({ kind, sourceId, debit: merchantPayable, credit: feeIncome, amount, orderId, occurredAt, memo });
  };
  for (const p of s.payments) {
    lines.push({
      kind: 'payment',
      sourceId: p.id,
      debit: acquirerClearing,
      credit: merchantPayable,
      amount: p.amount,
      orderId: p.order_id,
      occurredAt: p.resolved_at,
      memo: `${p.card_kind} card payment`,
    });
    if (s.plan) {
      const rule = p.card_kind === 'credit' ? creditRule(s.plan) : debitRule(s.plan);
      fee('transaction_fee', p.id, transactionFee(p.amount, rule), p.order_id, p.resolved_at, `${p.card_kind} card fee`);
    }
  }
  for (const r of s.refunds) {
    lines.push({
      kind: 'refund',
      sourceId: r.id,
      debit: merchantPayable,
      credit: acquirerClearing,
      amount: r.amount,
      orderId: r.order_id,
      occurredAt: r.resolved_at,
      memo: 'refund',
    });
  }
  if (!s.plan) return lines;
  const plan = s.plan;
  for (const leg of s.legs) {
    const minutes = billableMinutes(leg.answered_at, leg.ended_at);
    const rate = leg.direction === 'outbound' ? plan.outboundPerMinute : plan.inboundPerMinute;
    fee('communication_fee', leg.id, minutes * rate, leg.order_id, leg.ended_at, `${leg.direction} line, ${minutes} min`);
  }
  if (plan.startsOn <= s.businessDate && !s.journaledFeePeriods.has(openingSourceId(s.merchantId))) {
    fee('opening_fee', openingSourceId(s.merchantId), plan.openingFee, null, s.dayEnd, 'opening fee');
  }
  for (const period of annualPeriodsDue(plan.startsOn, s.businessDate)) {
    const id = annualSourceId(s.merchantId, period);
    if (s.journaledFeePeriods.has(id)) continue;
    const memo = `annual service fee, year ${period + 1}, ${plan.settlementAccounts} account(s)`;
    fee('annual_fee', id, plan.annualFeePerAccount * plan.settlementAccounts, null, s.dayEnd, memo);
  }
  return lines;
}

const debitRule = (p: FeePlan) => ({ rateBps: p.debitRateBps, minFee: p.debitMinFee, maxFee: p.debitMaxFee });
const creditRule = (p: FeePlan) => ({ rateBps: p.creditRateBps, minFee: p.creditMinFee, maxFee: p.creditMaxFee });
