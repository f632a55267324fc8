import { expect } from 'chai';
import { refundKindFor, type KindInput } from '../../src/refund/refund-kind';

const base: KindInput = {
  paid: 10_000,
  reserved: 0,
  amount: 10_000,
  paymentTxnTime: '20260301100000',
  refundTxnTime: '20260301153000',
  cutOff: '23:00',
};

describe('refund/refund-kind', () => {
  it('when the whole payment is refunded on its Beijing day before the cut-off, then it is a cancel', () => {
    expect(refundKindFor(base)).to.equal('cancel');
    expect(refundKindFor({ ...base, refundTxnTime: '20260301225959' })).to.equal('cancel');
  });

  for (const [name, change] of [
    ['part of the payment', { amount: 9_999 }],
    ['the rest after an earlier refund', { reserved: 1, amount: 9_999 }],
    ['the whole payment at the cut-off', { refundTxnTime: '20260301230000' }],
    ['the whole payment the next day', { refundTxnTime: '20260302090000' }],
    [
      'a payment made after the cut-off (next day’s batch)',
      { paymentTxnTime: '20260301231000', refundTxnTime: '20260301232000' },
    ],
    ['the whole payment after an earlier cut-off', { cutOff: '15:00' }],
  ] as const) {
    it(`when ${name} is refunded, then it is a refund (04)`, () => {
      expect(refundKindFor({ ...base, ...change })).to.equal('refund');
    });
  }
});
