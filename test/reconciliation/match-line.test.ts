import { expect } from 'chai';
import { matchLine } from '../../src/reconciliation/match-line';
import type { PaymentAttemptRow, RefundRow } from '../../src/store/payment-rows';
import { attemptRow, PENDING_BEFORE, refundRow } from './reconciled-rows';
import type { ReconciliationResolution } from '../../src/store/reconciliation-rows';
import type { ZmRecord } from '../../src/reconciliation/zm-record';

const line = (changes: Partial<ZmRecord> = {}): ZmRecord => ({
  lineNo: 1,
  txnType: '01',
  queryId: 'Q1',
  orderId: 'ACP1',
  origQryId: '',
  transmissionTime: '0302120000',
  cardMasked: '621626*********0018',
  amount: 1_000,
  fee: 6,
  settleAmount: 994,
  merId: '777290058110097',
  ...changes,
});

const attempt = attemptRow;
const refund = refundRow;

function match(
  l: ZmRecord,
  payments: PaymentAttemptRow[],
  refunds: RefundRow[] = [],
  previous = new Map<string, ReconciliationResolution>(),
) {
  const used = new Set<string>();
  const item = matchLine(l, { payments, refunds }, used, {
    acquirerOrderIdOf: (id) => (id === 'att-1' ? 'ACP1' : id === 'att-2' ? 'ACP1' : 'OTHER'),
    pendingBefore: PENDING_BEFORE,
    previous,
  });
  return { item, used };
}

describe('reconciliation/match-line', () => {
  it('when a consume line matches an approved attempt by order id, then it is matched and the attempt is used', () => {
    const { item, used } = match(line(), [attempt()]);
    expect(item).to.include({ kind: 'matched', recordType: 'payment', recordId: 'att-1', ourState: 'approved' });
    expect([...used]).to.deep.equal(['att-1']);
  });

  it('when a query id names an attempt, then it wins over the order id', () => {
    const { item } = match(line({ queryId: 'Q9' }), [attempt(), attempt({ id: 'att-9', acquirer_ref: 'Q9' })]);
    expect(item.recordId).to.equal('att-9');
  });

  it('when two attempts share the order id, then the one sent at the line’s transmission time is taken; with neither time, none', () => {
    const two = [attempt({ txn_time: '20260302115900' }), attempt({ id: 'att-2', txn_time: '20260302120000' })];
    expect(match(line(), two).item.recordId).to.equal('att-2');
    const none = match(line({ transmissionTime: '0302999999' }), two).item;
    expect(none).to.include({ kind: 'acquirer_only', note: 'money moved that we did not record' });
  });

  it('when the attempt was already used by an earlier line, then it is not matched again', () => {
    const used = new Set(['att-1']);
    const item = matchLine(line(), { payments: [attempt()], refunds: [] }, used, {
      acquirerOrderIdOf: () => 'ACP1',
      pendingBefore: PENDING_BEFORE,
      previous: new Map(),
    });
    expect(item.kind).to.equal('acquirer_only');
  });

  it('when the amounts differ, then it is an amount mismatch saying so', () => {
    expect(match(line({ amount: 999 }), [attempt()]).item).to.include({
      kind: 'amount_mismatch',
      note: 'the file and the attempt differ in amount',
    });
  });

  for (const state of ['sending', 'unknown', 'unknown_manual'] as const) {
    it(`when the attempt is ${state}, then the file settles it as paid with the line’s query id`, () => {
      expect(match(line(), [attempt({ state })]).item).to.deep.include({
        kind: 'matched',
        ourState: 'approved',
        resolution: 'paid',
        action: { kind: 'pay', attemptId: 'att-1', acquirerRef: 'Q1' },
      });
    });
  }

  it('when the attempt was declined, then money moved against our record: a state mismatch naming the state', () => {
    expect(match(line(), [attempt({ state: 'declined' })]).item).to.include({
      kind: 'state_mismatch',
      note: 'money moved for an attempt we hold declined',
    });
  });

  it('when an earlier run settled the record, then a matched item reports that resolution again; other kinds do not', () => {
    const previous = new Map<string, ReconciliationResolution>([['att-1', 'paid']]);
    expect(match(line(), [attempt()], [], previous).item.resolution).to.equal('paid');
    expect(match(line({ amount: 1 }), [attempt()], [], previous).item.resolution).to.equal(undefined);
    expect(match(line(), [attempt()]).item.resolution).to.equal(undefined);
  });

  for (const txnType of ['04', '31']) {
    it(`when a ${txnType} line matches a refund by its acquirer order id, then its state decides`, () => {
      const l = line({ txnType, orderId: 'RFD1', queryId: 'QR', amount: 300 });
      expect(match(l, [], [refund()]).item).to.include({ kind: 'matched', recordType: 'refund', recordId: 'rfd-1' });
      expect(match(l, [], [refund({ state: 'unknown' })]).item).to.deep.include({
        kind: 'matched',
        ourState: 'succeeded',
        resolution: 'refund_succeeded',
        action: { kind: 'refund', refundId: 'rfd-1', succeeded: true, acquirerRef: 'QR' },
      });
      expect(match(l, [], [refund({ state: 'failed' })]).item).to.include({
        kind: 'state_mismatch',
        note: 'money returned for a refund we hold failed',
      });
      expect(match({ ...l, amount: 301 }, [], [refund()]).item).to.include({
        kind: 'amount_mismatch',
        note: 'the file and the refund differ in amount',
      });
      expect(match({ ...l, orderId: 'NOPE' }, [], [refund()]).item).to.include({
        kind: 'acquirer_only',
        note: 'a refund or cancel we did not record',
      });
    });
  }

  it('when a refund is still pending, then the file settles it only once it has outlived its query schedule', () => {
    const l = line({ txnType: '04', orderId: 'RFD1', amount: 300 });
    const old = refund({ state: 'pending', created_at: '2026-03-02T05:59:59.999Z' });
    expect(match(l, [], [old]).item.resolution).to.equal('refund_succeeded');
    const atEdge = refund({ state: 'pending', created_at: PENDING_BEFORE });
    expect(match(l, [], [atEdge]).item).to.include({ kind: 'state_mismatch' });
  });

  it('when the line is of another transaction type, then it is reported as none of ours', () => {
    expect(match(line({ txnType: '71' }), [attempt()]).item).to.include({
      kind: 'acquirer_only',
      note: 'transaction type 71 is none of ours',
      fileAmount: 1_000,
      fee: 6,
      cardMasked: '621626*********0018',
    });
  });
});
