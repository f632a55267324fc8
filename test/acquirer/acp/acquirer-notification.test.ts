import { expect } from 'chai';
import { acquirerNotificationOf } from '../../../src/acquirer/acp/acquirer-notification';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import type { AcpNotification } from '../../../src/acquirer/acp/parse-notification';

const ATTEMPT = 'att_5f0c1a2b3c4d5e6f7a8b-1';
const QUERY_ID = '202603021200001234567';
const APPROVED: AcpNotification = {
  merId: '777290058110097',
  orderId: acpOrderIdOf(ATTEMPT),
  txnTime: '20260302120000',
  txnType: '01',
  respCode: '00',
  queryId: QUERY_ID,
  amountFen: 4599,
  attemptId: ATTEMPT,
};

describe('acquirerNotificationOf', () => {
  it('when a verified consume notification is read, then it tells in port terms what it names, its codes, amount and result', () => {
    const n = acquirerNotificationOf(APPROVED);
    expect(n).to.include({
      acquirerOrderId: acpOrderIdOf(ATTEMPT),
      txnTime: '20260302120000',
      isPayment: true,
      txnType: '01',
      responseCode: '00',
      acquirerRef: QUERY_ID,
      amount: 4599,
    });
    expect(n.result('debit')).to.deep.equal({ outcome: 'approved', acquirerRef: QUERY_ID, responseCode: '00' });
  });

  it('when asked which attempt it names, then only the attempt whose acquirer order it is', () => {
    const n = acquirerNotificationOf(APPROVED);
    expect(n.names(ATTEMPT)).to.equal(true);
    expect(n.names('att_5f0c1a2b3c4d5e6f7a8b-2')).to.equal(false);
  });

  it('when the notification is for a cancel (31) or a refund (04), then it is not a payment', () => {
    expect(acquirerNotificationOf({ ...APPROVED, txnType: '31' })).to.include({ isPayment: false, txnType: '31' });
    expect(acquirerNotificationOf({ ...APPROVED, txnType: '04' })).to.include({ isPayment: false, txnType: '04' });
  });

  it('when the code is 65, then the card kind tells wrong_pin from wrong_cvn2_or_expiry, and without it it is a plain decline', () => {
    const n = acquirerNotificationOf({ ...APPROVED, respCode: '65' });
    expect(n.result('debit')).to.deep.equal({ outcome: 'declined', reason: 'wrong_pin', responseCode: '65' });
    expect(n.result('credit')).to.deep.equal({ outcome: 'declined', reason: 'wrong_cvn2_or_expiry', responseCode: '65' });
    expect(n.result(undefined)).to.deep.equal({ outcome: 'declined', reason: 'declined', responseCode: '65' });
  });

  it('when the code is 03 (undecided), then the result is pending', () => {
    expect(acquirerNotificationOf({ ...APPROVED, respCode: '03' }).result('credit')).to.deep.equal({ outcome: 'pending' });
  });

  it('when the notification carries no amount, then the port notification has none either', () => {
    const { amountFen: _amount, ...noAmount } = APPROVED;
    expect(acquirerNotificationOf(noAmount)).not.to.have.property('amount');
  });
});
