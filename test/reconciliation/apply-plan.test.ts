import { expect } from 'chai';
import { itemRow } from '../../src/reconciliation/apply-plan';

describe('reconciliation/apply-plan: itemRow', () => {
  it('when an item has every field, then each is stored in its column', () => {
    expect(
      itemRow('20260302', {
        kind: 'amount_mismatch',
        lineNo: 3,
        txnType: '01',
        queryId: 'Q1',
        acquirerOrderId: 'ACP1',
        fileAmount: 1_000,
        fee: 6,
        cardMasked: '621626*********0018',
        recordType: 'payment',
        recordId: 'att-1',
        ourAmount: 999,
        ourState: 'approved',
        resolution: 'paid',
        note: 'the file and the attempt differ in amount',
        action: { kind: 'pay', attemptId: 'att-1', acquirerRef: 'Q1' },
      }),
    ).to.deep.equal({
      settle_date: '20260302',
      kind: 'amount_mismatch',
      line_no: 3,
      txn_type: '01',
      query_id: 'Q1',
      acquirer_order_id: 'ACP1',
      file_amount: 1_000,
      fee: 6,
      card_masked: '621626*********0018',
      record_type: 'payment',
      record_id: 'att-1',
      our_amount: 999,
      our_state: 'approved',
      resolution: 'paid',
      note: 'the file and the attempt differ in amount',
    });
  });

  it('when an item lacks fields, then their columns are null, and a zero amount or fee stays zero', () => {
    const row = itemRow('20260302', { kind: 'acquirer_only', fileAmount: 0, fee: 0 });
    expect(row).to.deep.equal({
      settle_date: '20260302',
      kind: 'acquirer_only',
      line_no: null,
      txn_type: null,
      query_id: null,
      acquirer_order_id: null,
      file_amount: 0,
      fee: 0,
      card_masked: null,
      record_type: null,
      record_id: null,
      our_amount: null,
      our_state: null,
      resolution: null,
      note: null,
    });
  });
});
