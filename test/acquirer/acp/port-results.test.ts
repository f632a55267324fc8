import { expect } from 'chai';
import {
  consumeAnswerResult,
  messageRejected,
  queryResult,
  reasonFor,
  transactionResult,
} from '../../../src/acquirer/acp/port-results';

describe('ACP codes → port results', () => {
  it('when a consume is answered 00, 03, 04, 05 or 12, then it is pending (accepted or unknown), carrying the queryId', () => {
    for (const code of ['00', '03', '04', '05', '12']) {
      expect(consumeAnswerResult(code, 'Q1', 'debit')).to.deep.equal({
        outcome: 'pending',
        responseCode: code,
        acquirerRef: 'Q1',
      });
    }
  });

  it("when a consume is refused as a message (10–29 but 12), then it is unavailable: nothing charged, not the card's fault", () => {
    expect(consumeAnswerResult('11', undefined, 'debit')).to.deep.equal({ outcome: 'unavailable', responseCode: '11' });
    expect(['10', '11', '13', '29'].every(messageRejected)).to.equal(true);
    expect(['12', '30', '09', '65', 'A6', '110', 'A10'].some(messageRejected)).to.equal(false);
  });

  it('when a consume is declined by the issuer, then the reason depends on the card kind for 65', () => {
    expect(consumeAnswerResult('65', undefined, 'debit')).to.deep.equal({
      outcome: 'declined',
      reason: 'wrong_pin',
      responseCode: '65',
    });
    expect(consumeAnswerResult('65', undefined, 'credit')).to.include({ reason: 'wrong_cvn2_or_expiry' });
    expect(reasonFor('65', undefined)).to.equal('declined');
    expect(reasonFor('64', undefined)).to.equal('insufficient_funds');
  });

  it('when a transaction code is 00 or A6, then approved; 03 pending; anything else declined', () => {
    expect(transactionResult('A6', 'Q', 'debit')).to.deep.equal({ outcome: 'approved', acquirerRef: 'Q', responseCode: 'A6' });
    expect(transactionResult('05', 'Q', 'debit')).to.deep.equal({ outcome: 'pending' });
    expect(transactionResult('00', undefined, 'debit')).to.deep.equal({
      outcome: 'approved',
      acquirerRef: '',
      responseCode: '00',
    });
    expect(transactionResult('73', 'Q', 'credit')).to.include({ outcome: 'declined', reason: 'card_expired' });
  });

  it('when a query answers 34, then not_found; any respCode but 00 or 34 says nothing about the transaction: pending', () => {
    expect(queryResult('34', undefined, undefined, 'debit')).to.deep.equal({ outcome: 'not_found' });
    expect(queryResult('37', undefined, undefined, 'debit')).to.deep.equal({ outcome: 'pending' });
    expect(queryResult('00', undefined, undefined, 'debit')).to.deep.equal({ outcome: 'pending' });
    expect(queryResult('37', '00', 'Q', 'debit')).to.deep.equal({ outcome: 'pending' });
    expect(queryResult('03', '65', 'Q', 'debit')).to.deep.equal({ outcome: 'pending' });
    expect(queryResult('00', '00', 'Q', 'debit')).to.include({ outcome: 'approved' });
  });
});
