import { expect } from 'chai';
import { matchDay } from '../../src/reconciliation/match-day';
import { settlementWindow } from '../../src/reconciliation/settlement-window';
import type { PaymentAttemptRow, RefundRow } from '../../src/store/payment-rows';
import { attemptRow, PENDING_BEFORE, refundRow } from './reconciled-rows';
import type { ReconciliationResolution } from '../../src/store/reconciliation-rows';

const attempt = (changes: Partial<PaymentAttemptRow> = {}) => attemptRow({ card_masked: '621626*********0018', ...changes });
const refund = refundRow;

/** A day whose file has no lines: every item is about one of ours the file left out. */
function absent(
  ours: { payments?: PaymentAttemptRow[]; refunds?: RefundRow[] },
  previous = new Map<string, ReconciliationResolution>(),
) {
  return matchDay(
    [],
    { payments: ours.payments ?? [], refunds: ours.refunds ?? [] },
    {
      window: settlementWindow('20260302', '240000'),
      acquirerOrderIdOf: (id) => id.toUpperCase(),
      pendingBefore: PENDING_BEFORE,
      previous,
    },
  );
}

describe('reconciliation/match-day: ours the file left out', () => {
  it('when an approved payment is absent, then it is ours_only, with its serial, amount, card and why', () => {
    expect(absent({ payments: [attempt({ acquirer_ref: 'Q77' })] })).to.deep.equal([
      {
        recordType: 'payment',
        recordId: 'att-1',
        ourAmount: 1_000,
        ourState: 'approved',
        cardMasked: '621626*********0018',
        kind: 'ours_only',
        queryId: 'Q77',
        note: 'paid here, not in the file',
      },
    ]);
  });

  it('when an unknown payment is absent, then it is resolved not charged and the attempt is to be settled so', () => {
    for (const state of ['unknown', 'unknown_manual'] as const) {
      const [item] = absent({ payments: [attempt({ state })] });
      expect(item, state).to.deep.include({ kind: 'resolved', ourState: 'not_found', resolution: 'not_charged' });
      expect(item.action, state).to.deep.equal({ kind: 'not_charged', attemptId: 'att-1' });
    }
  });

  it('when a payment the file cannot decide is absent, then nothing is reported unless an earlier run settled it', () => {
    for (const state of ['declined', 'not_found', 'sending', 'prepared'] as const)
      expect(absent({ payments: [attempt({ state })] }), state).to.deep.equal([]);
    // A repeated run: the earlier run moved it to not_found; it reports the same resolution, with nothing to do.
    const again = absent({ payments: [attempt({ state: 'not_found' })] }, new Map([['att-1', 'not_charged']]));
    expect(again).to.have.length(1);
    expect(again[0]).to.include({ kind: 'resolved', resolution: 'not_charged', ourState: 'not_found' });
    expect(again[0].action).to.equal(undefined);
    expect(absent({ payments: [attempt({ state: 'declined' })] }, new Map([['att-1', 'paid']]))).to.deep.equal([]);
  });

  it('when a succeeded refund is absent, then it is ours_only, with its serial, orderId and why', () => {
    expect(absent({ refunds: [refund({ acquirer_ref: 'Q88' })] })).to.deep.equal([
      {
        recordType: 'refund',
        recordId: 'rfd-1',
        ourAmount: 300,
        ourState: 'succeeded',
        acquirerOrderId: 'RFD1',
        kind: 'ours_only',
        queryId: 'Q88',
        note: 'refunded here, not in the file',
      },
    ]);
    expect(absent({ refunds: [refund()] })[0].queryId).to.equal(undefined);
  });

  it('when an unknown refund, or one pending past its schedule, is absent, then it is resolved failed', () => {
    const old = '2026-03-02T05:59:59.999Z';
    for (const r of [refund({ state: 'unknown' }), refund({ state: 'pending', created_at: old })]) {
      expect(absent({ refunds: [r] }), r.state).to.deep.equal([
        {
          recordType: 'refund',
          recordId: 'rfd-1',
          ourAmount: 300,
          ourState: 'failed',
          acquirerOrderId: 'RFD1',
          kind: 'resolved',
          resolution: 'refund_failed',
          action: { kind: 'refund', refundId: 'rfd-1', succeeded: false },
        },
      ]);
    }
  });

  it('when a pending refund is still within its schedule (up to the instant), or failed already, then it is left alone', () => {
    expect(absent({ refunds: [refund({ state: 'pending', created_at: PENDING_BEFORE })] })).to.deep.equal([]);
    expect(absent({ refunds: [refund({ state: 'failed' })] })).to.deep.equal([]);
  });

  it('when an earlier run failed an absent refund, then a repeated run reports it again with nothing to do', () => {
    const again = absent({ refunds: [refund({ state: 'failed' })] }, new Map([['rfd-1', 'refund_failed']]));
    expect(again).to.deep.equal([
      {
        recordType: 'refund',
        recordId: 'rfd-1',
        ourAmount: 300,
        ourState: 'failed',
        acquirerOrderId: 'RFD1',
        kind: 'resolved',
        resolution: 'refund_failed',
      },
    ]);
    expect(absent({ refunds: [refund({ state: 'failed' })] }, new Map([['rfd-1', 'refund_succeeded']]))).to.deep.equal([]);
  });
});
