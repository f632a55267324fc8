import { expect } from 'chai';
import pino from 'pino';
import type { AcpClient, AcpExchange } from '../../../src/acquirer/acp/acp-client';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { queryReversalOrder, sendReversalOrder, type ReversalOrder } from '../../../src/acquirer/acp/reversal';

const MERCHANT = { merId: '777290058110097', backUrl: 'https://ivrpay.example/acp/notify' };
const ORDER: ReversalOrder = {
  orderId: 'rfd00000000000000000001',
  txnTime: '20260301120000',
  amountFen: 100,
  origQryId: '201603011200001234567',
};
const log = pino({ level: 'silent' });

/** A client that answers every exchange with `result` and records what was sent. */
function clientAnswering(result: AcpExchange): AcpClient & { sent: AcpFields[] } {
  const sent: AcpFields[] = [];
  return {
    sent,
    exchange: (_url: string, fields: AcpFields) => {
      sent.push(fields);
      return Promise.resolve(result);
    },
  };
}
const answer = (fields: AcpFields): AcpExchange => ({ kind: 'answer', fields });

describe('ACP reversal: answers to cancels, refunds and their queries', () => {
  describe('sendReversalOrder', () => {
    it('when the request could not be sent, then unavailable: nothing was reversed', async () => {
      const client = clientAnswering({ kind: 'not_sent', error: 'ECONNREFUSED' });
      expect(await sendReversalOrder(client, 'u', MERCHANT, '04', ORDER, log)).to.deep.equal({ outcome: 'unavailable' });
    });

    it('when it was sent but no trusted answer came, then unknown (it may have been made)', async () => {
      for (const result of [
        { kind: 'no_answer', error: 'timeout' },
        { kind: 'untrusted', why: 'bad_signature' },
      ] as const) {
        const client = clientAnswering(result);
        expect(await sendReversalOrder(client, 'u', MERCHANT, '31', ORDER, log), result.kind).to.deep.equal({
          outcome: 'unknown',
        });
      }
    });

    it('when a cancel is refused for another reason than the cut-off, then it is rejected without afterCutOff', async () => {
      const client = clientAnswering(answer({ respCode: '33' }));
      expect(await sendReversalOrder(client, 'u', MERCHANT, '31', ORDER, log)).to.deep.equal({
        outcome: 'rejected',
        responseCode: '33',
      });
      expect(client.sent[0]).to.include({ txnType: '31', orderId: ORDER.orderId });
    });

    it('when a refund is answered 39, then it is rejected but not marked afterCutOff (only a cancel has a cut-off)', async () => {
      const client = clientAnswering(answer({ respCode: '39' }));
      expect(await sendReversalOrder(client, 'u', MERCHANT, '04', ORDER, log)).to.deep.equal({
        outcome: 'rejected',
        responseCode: '39',
      });
      expect(client.sent[0]).to.include({ txnType: '04' });
    });

    it('when a reversal is accepted without a queryId, then it is accepted with no acquirerRef', async () => {
      const client = clientAnswering(answer({ respCode: '00' }));
      expect(await sendReversalOrder(client, 'u', MERCHANT, '04', ORDER, log)).to.deep.equal({
        outcome: 'accepted',
        responseCode: '00',
      });
    });
  });

  describe('queryReversalOrder', () => {
    const ref = { orderId: ORDER.orderId, txnTime: ORDER.txnTime };

    it('when the query gets no trusted answer, then the reversal is pending', async () => {
      for (const result of [
        { kind: 'not_sent', error: 'ECONNREFUSED' },
        { kind: 'no_answer', error: 'timeout' },
        { kind: 'untrusted', why: 'bad_signature' },
      ] as const) {
        expect(await queryReversalOrder(clientAnswering(result), 'u', MERCHANT, ref, log), result.kind).to.deep.equal({
          outcome: 'pending',
        });
      }
    });

    it('when the query says the reversal failed, then failed with its code, never succeeded', async () => {
      const client = clientAnswering(answer({ respCode: '00', origRespCode: '63', queryId: 'Q1' }));
      expect(await queryReversalOrder(client, 'u', MERCHANT, ref, log)).to.deep.equal({
        outcome: 'failed',
        responseCode: '63',
      });
      expect(client.sent[0]).to.include({ txnType: '00', ...ref });
    });

    it('when the query says it succeeded but carries no queryId, then succeeded with no acquirerRef', async () => {
      const client = clientAnswering(answer({ respCode: '00', origRespCode: '00' }));
      expect(await queryReversalOrder(client, 'u', MERCHANT, ref, log)).to.deep.equal({
        outcome: 'succeeded',
        responseCode: '00',
      });
    });
  });
});
