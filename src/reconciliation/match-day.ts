import type { PaymentAttemptRow, RefundRow } from '../store/payment-rows';
import type { PlannedItem } from './reconciliation-plan';
import { matchLine } from './match-line';
import type { MatchOptions, OurRecords } from './match-options';
import { covers } from './settlement-window';
import type { ZmRecord } from './zm-record';

/**
 * Matches every line of a day's file against our payments and refunds, then looks at ours the file covers and
 * no line named. Pure: it plans the items and what to settle; reconcile-day.ts writes them.
 * - payment absent, approved: ours_only (we recorded money that did not move);
 * - payment absent, unknown or unknown_manual: resolved as not charged (the order is payable again);
 * - refund absent, succeeded: ours_only; unknown, or pending past its schedule: resolved as failed.
 */
export function matchDay(lines: readonly ZmRecord[], ours: OurRecords, opts: MatchOptions): PlannedItem[] {
  const used = new Set<string>();
  const items = lines.map((line) => matchLine(line, ours, used, opts));
  for (const p of ours.payments) if (!used.has(p.id) && covers(opts.window, p.txn_time)) items.push(...absentPayment(p, opts));
  for (const r of ours.refunds) if (!used.has(r.id) && covers(opts.window, r.txn_time)) items.push(...absentRefund(r, opts));
  return items;
}

function absentPayment(p: PaymentAttemptRow, opts: MatchOptions): PlannedItem[] {
  const base = {
    recordType: 'payment' as const,
    recordId: p.id,
    ourAmount: p.amount,
    ourState: p.state,
    cardMasked: p.card_masked,
  };
  if (p.state === 'approved')
    return [{ ...base, kind: 'ours_only', queryId: p.acquirer_ref ?? undefined, note: 'paid here, not in the file' }];
  if (p.state === 'unknown' || p.state === 'unknown_manual')
    return [
      {
        ...base,
        kind: 'resolved',
        ourState: 'not_found',
        resolution: 'not_charged',
        action: { kind: 'not_charged', attemptId: p.id },
      },
    ];
  if (opts.previous.get(p.id) === 'not_charged') return [{ ...base, kind: 'resolved', resolution: 'not_charged' }];
  return [];
}

function absentRefund(r: RefundRow, opts: MatchOptions): PlannedItem[] {
  const base = {
    recordType: 'refund' as const,
    recordId: r.id,
    ourAmount: r.amount,
    ourState: r.state,
    acquirerOrderId: r.acquirer_order_id,
  };
  if (r.state === 'succeeded')
    return [{ ...base, kind: 'ours_only', queryId: r.acquirer_ref ?? undefined, note: 'refunded here, not in the file' }];
  if (r.state === 'unknown' || (r.state === 'pending' && r.created_at < opts.pendingBefore)) {
    const action = { kind: 'refund' as const, refundId: r.id, succeeded: false };
    return [{ ...base, kind: 'resolved', ourState: 'failed', resolution: 'refund_failed', action }];
  }
  if (opts.previous.get(r.id) === 'refund_failed') return [{ ...base, kind: 'resolved', resolution: 'refund_failed' }];
  return [];
}
