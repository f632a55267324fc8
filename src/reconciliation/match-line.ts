import type { PaymentAttemptRow, RefundRow } from '../store/payment-rows';
import type { MatchOptions, OurRecords } from './match-options';
import type { PlannedItem } from './reconciliation-plan';
import type { ZmRecord } from './zm-record';

const CONSUME = '01';
const REVERSALS = ['31', '04'];

/**
 * One line against our records: by queryId first, then by orderId (with its transmission time, MMDDhhmmss, when
 * two records share an orderId). A record already matched by an earlier line is not matched again.
 */
export function matchLine(
  line: ZmRecord,
  ours: OurRecords,
  used: Set<string>,
  opts: Pick<MatchOptions, 'acquirerOrderIdOf' | 'pendingBefore' | 'previous'>,
): PlannedItem {
  const item = matchOne(line, ours, used, opts);
  // A repeated run finds settled what an earlier run settled: it reports the same resolution again.
  const previous = item.recordId === undefined ? undefined : opts.previous.get(item.recordId);
  return item.kind === 'matched' && !item.resolution && previous ? { ...item, resolution: previous } : item;
}

function matchOne(
  line: ZmRecord,
  ours: OurRecords,
  used: Set<string>,
  opts: Pick<MatchOptions, 'acquirerOrderIdOf' | 'pendingBefore'>,
): PlannedItem {
  const base: PlannedItem = {
    kind: 'acquirer_only',
    lineNo: line.lineNo,
    txnType: line.txnType,
    queryId: line.queryId,
    acquirerOrderId: line.orderId,
    fileAmount: line.amount,
    fee: line.fee,
    cardMasked: line.cardMasked || undefined,
  };
  if (line.txnType === CONSUME) {
    const p = find(ours.payments, line, used, (r) => opts.acquirerOrderIdOf(r.id));
    return p ? paymentItem(base, line, p) : { ...base, note: 'money moved that we did not record' };
  }
  if (REVERSALS.includes(line.txnType)) {
    const r = find(ours.refunds, line, used, (x) => x.acquirer_order_id);
    return r ? refundItem(base, line, r, opts) : { ...base, note: 'a refund or cancel we did not record' };
  }
  return { ...base, note: `transaction type ${line.txnType} is none of ours` };
}

function find<R extends { id: string; acquirer_ref: string | null; txn_time: string }>(
  rows: readonly R[],
  line: ZmRecord,
  used: Set<string>,
  orderIdOf: (r: R) => string,
): R | undefined {
  const free = rows.filter((r) => !used.has(r.id));
  const byOrder = free.filter((r) => orderIdOf(r) === line.orderId);
  const found =
    free.find((r) => r.acquirer_ref === line.queryId) ??
    byOrder.find((r) => r.txn_time.slice(4) === line.transmissionTime) ??
    (byOrder.length === 1 ? byOrder[0] : undefined);
  if (found) used.add(found.id);
  return found;
}

function paymentItem(base: PlannedItem, line: ZmRecord, p: PaymentAttemptRow): PlannedItem {
  const item: PlannedItem = { ...base, recordType: 'payment', recordId: p.id, ourAmount: p.amount, ourState: p.state };
  if (p.amount !== line.amount) return { ...item, kind: 'amount_mismatch', note: 'the file and the attempt differ in amount' };
  if (p.state === 'approved') return { ...item, kind: 'matched' };
  if (p.state === 'sending' || p.state === 'unknown' || p.state === 'unknown_manual')
    return {
      ...item,
      kind: 'matched',
      ourState: 'approved',
      resolution: 'paid',
      action: { kind: 'pay', attemptId: p.id, acquirerRef: line.queryId },
    };
  return { ...item, kind: 'state_mismatch', note: `money moved for an attempt we hold ${p.state}` };
}

function refundItem(base: PlannedItem, line: ZmRecord, r: RefundRow, opts: Pick<MatchOptions, 'pendingBefore'>): PlannedItem {
  const item: PlannedItem = { ...base, recordType: 'refund', recordId: r.id, ourAmount: r.amount, ourState: r.state };
  if (r.amount !== line.amount) return { ...item, kind: 'amount_mismatch', note: 'the file and the refund differ in amount' };
  if (r.state === 'succeeded') return { ...item, kind: 'matched' };
  if (r.state === 'unknown' || (r.state === 'pending' && r.created_at < opts.pendingBefore)) {
    return {
      ...item,
      kind: 'matched',
      ourState: 'succeeded',
      resolution: 'refund_succeeded',
      action: { kind: 'refund', refundId: r.id, succeeded: true, acquirerRef: line.queryId },
    };
  }
  return { ...item, kind: 'state_mismatch', note: `money returned for a refund we hold ${r.state}` };
}
