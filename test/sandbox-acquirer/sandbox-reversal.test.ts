import { expect } from 'chai';
import { maskPan } from '../../src/domain/mask';
import { createSandboxLedger, type SandboxLedger } from '../../sandbox-acquirer/sandbox-ledger';
import { decideReversal, type ReversalRequest } from '../../sandbox-acquirer/sandbox-reversal';
import { DEBIT, REFUND_REFUSED } from '../helpers/test-cards';

/** 12:00 Beijing on 1 March 2026. */
const NOON = new Date('2026-03-01T04:00:00Z');
const HOUR = 3_600_000;

describe('sandbox-acquirer/sandbox-reversal (decideReversal)', () => {
  let ledger: SandboxLedger;
  let reversals = 0;

  function consume(pan = DEBIT, amountFen = 10_000): string {
    return ledger.record(
      {
        merId: 'M',
        orderId: `att${reversals++}0000000`,
        txnTime: '20260301120000',
        txnType: '01',
        amountFen,
        respCode: '00',
        maskedPan: maskPan(pan),
      },
      NOON,
    ).queryId;
  }
  const request = (origQryId: string, txnType: '31' | '04', amountFen: number): ReversalRequest => ({
    merId: 'M',
    orderId: `rfd${reversals++}0000000`,
    txnTime: '20260301120000',
    txnType,
    amountFen,
    origQryId,
  });

  beforeEach(() => {
    ledger = createSandboxLedger();
  });

  it('when a whole consume is cancelled before 23:00 Beijing on its day, then it is recorded; at 23:00 or the next day, 39', () => {
    const first = consume();
    expect(decideReversal(ledger, request(first, '31', 10_000), new Date(NOON.getTime() + 10 * HOUR + 59 * 60_000))).to.include({
      kind: 'recorded',
      answerCode: '00',
    });
    const second = consume();
    expect(decideReversal(ledger, request(second, '31', 10_000), new Date(NOON.getTime() + 11 * HOUR))).to.deep.equal({
      kind: 'answer',
      code: '39',
    });
    expect(decideReversal(ledger, request(second, '31', 10_000), new Date(NOON.getTime() + 13 * HOUR))).to.deep.equal({
      kind: 'answer',
      code: '39',
    });
    expect(decideReversal(ledger, request(second, '04', 10_000), new Date(NOON.getTime() + 13 * HOUR))).to.include({
      kind: 'recorded',
    });
  });

  it('when refunds add up to more than the consume, or name no consume, then 33 or 34, and the refused card is 63', () => {
    const queryId = consume();
    expect(decideReversal(ledger, request(queryId, '04', 6_000), NOON)).to.include({ kind: 'recorded' });
    expect(decideReversal(ledger, request(queryId, '04', 4_001), NOON)).to.deep.equal({ kind: 'answer', code: '33' });
    expect(decideReversal(ledger, request('nope', '04', 1), NOON)).to.deep.equal({ kind: 'answer', code: '34' });
    expect(decideReversal(ledger, request(consume(REFUND_REFUSED), '04', 1), NOON)).to.deep.equal({ kind: 'answer', code: '63' });
  });
});
