import { expect } from 'chai';
import {
  consumeAnswerOutcome,
  declineReason,
  queryAnswerOutcome,
  transactionOutcome,
} from '../../../src/acquirer/acp/response-codes';

describe('ACP response codes', () => {
  describe('transactionOutcome (notification respCode, query origRespCode)', () => {
    it('when the code is 00 or A6, then the transaction succeeded', () => {
      expect(transactionOutcome('00', 'debit')).to.deep.equal({ state: 'success', code: '00' });
      expect(transactionOutcome('A6', 'credit')).to.deep.equal({ state: 'success', code: 'A6' });
    });

    it('when the code is 03, 04 or 05, then it is still pending', () => {
      for (const code of ['03', '04', '05']) expect(transactionOutcome(code, 'debit').state).to.equal('pending');
    });

    it('when the code is 64, then it failed for insufficient funds', () => {
      expect(transactionOutcome('64', 'debit')).to.deep.equal({
        state: 'failed',
        code: '64',
        declineReason: 'insufficient_funds',
      });
    });
  });

  describe('declineReason', () => {
    const table: Array<[string, 'debit' | 'credit', string]> = [
      ['61', 'debit', 'card_not_supported'],
      ['62', 'credit', 'card_not_supported'],
      ['68', 'debit', 'card_not_supported'],
      ['64', 'credit', 'insufficient_funds'],
      ['65', 'debit', 'wrong_pin'],
      ['65', 'credit', 'wrong_cvn2_or_expiry'],
      ['66', 'debit', 'id_mobile_mismatch'],
      ['67', 'debit', 'too_many_pin_tries'],
      ['72', 'credit', 'not_enabled_cnp'],
      ['77', 'debit', 'not_enabled_cnp'],
      ['73', 'credit', 'card_expired'],
      ['71', 'debit', 'sms_code_wrong'],
      ['63', 'debit', 'declined'],
      ['11', 'credit', 'declined'],
      ['99', 'debit', 'declined'],
    ];
    for (const [code, kind, reason] of table) {
      it(`when a ${kind} card gets ${code}, then the reason is ${reason}`, () => {
        expect(declineReason(code, kind)).to.equal(reason);
      });
    }
  });

  describe('consumeAnswerOutcome (the synchronous answer)', () => {
    it('when the answer is 00, then it is only accepted: pending until the notification or a query', () => {
      expect(consumeAnswerOutcome('00', 'debit')).to.deep.equal({ state: 'pending', code: '00' });
    });

    it('when the answer is 03, 04 or 05, then it is pending', () => {
      for (const code of ['03', '04', '05']) expect(consumeAnswerOutcome(code, 'credit').state).to.equal('pending');
    });

    it('when the answer is 65 on credit or 12 (duplicate order), then it failed', () => {
      expect(consumeAnswerOutcome('65', 'credit')).to.deep.equal({
        state: 'failed',
        code: '65',
        declineReason: 'wrong_cvn2_or_expiry',
      });
      expect(consumeAnswerOutcome('12', 'debit')).to.deep.equal({ state: 'failed', code: '12', declineReason: 'declined' });
    });
  });

  describe('queryAnswerOutcome', () => {
    it('when the query worked, then origRespCode decides', () => {
      expect(queryAnswerOutcome('00', '00', 'debit').state).to.equal('success');
      expect(queryAnswerOutcome('00', '05', 'debit').state).to.equal('pending');
      expect(queryAnswerOutcome('00', '65', 'debit')).to.deep.equal({ state: 'failed', code: '65', declineReason: 'wrong_pin' });
    });

    it('when the acquirer has no such transaction (34), then it is not_found', () => {
      expect(queryAnswerOutcome('34', undefined, 'debit')).to.deep.equal({ state: 'not_found', code: '34' });
    });

    it('when the query itself failed (03, 37 too many queries, 11 signature) or carries no origRespCode, then the transaction stays pending', () => {
      for (const code of ['03', '37', '11', '06'])
        expect(queryAnswerOutcome(code, '65', 'credit').state, code).to.equal('pending');
      expect(queryAnswerOutcome('00', undefined, 'credit').state).to.equal('pending');
    });
  });
});
