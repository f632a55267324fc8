import { expect } from 'chai';
import type { AttemptRef, PaymentRequest, ReversalRequest } from '../../../src/acquirer/acquirer-port';
import { queryUntilSettled } from '../../../src/acquirer/query-until-settled';
import { startHarness, type Harness } from '../acp-harness';
import { CREDIT, DEBIT, REFUND_AFTER_CUT_OFF, REFUND_REFUSED, REFUND_TIMEOUT, REFUND_UNKNOWN } from '../../helpers/test-cards';

const SHORT = { delaysMs: [0, 20, 40] };
let reversals = 0;

const refOf = (req: PaymentRequest): AttemptRef => ({
  orderId: req.orderId,
  attemptId: req.attemptId,
  txnTime: req.txnTime,
  cardKind: req.card.kind,
});

/** An approved consume with `pan` (its queryId), through the ACP adapter and the sandbox server. */
async function paid(h: Harness, pan: string, amount = 10_000): Promise<{ req: PaymentRequest; queryId: string }> {
  const req = h.request(pan, { amount });
  const answer = await h.acquirer.pay(req);
  const settled = answer.outcome === 'pending' ? await queryUntilSettled(h.acquirer, refOf(req), SHORT) : answer;
  if (settled.outcome !== 'approved') throw new Error(`the consume was ${settled.outcome}`);
  return { req, queryId: settled.acquirerRef };
}

function reversal(h: Harness, kind: 'cancel' | 'refund', amount: number, origAcquirerRef: string): ReversalRequest {
  reversals += 1;
  return {
    kind,
    acquirerOrderId: h.acquirer.reversalOrderIdOf(`rfd_${reversals.toString(16).padStart(20, '0')}`),
    txnTime: h.acquirer.txnTimeOf(h.clock.now()),
    amount,
    origAcquirerRef,
  };
}

const refOfReversal = (r: ReversalRequest) => ({ acquirerOrderId: r.acquirerOrderId, txnTime: r.txnTime });

describe('createAcpAcquirer: reverse and queryReversal ↔ sandbox acquirer server', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness(); // 12:00 Beijing: before the sandbox's 23:00 cut-off
  });
  after(() => h.stop());

  it('when a whole consume is cancelled (31) on its day, then it is accepted with its own serial, the query says succeeded, and the same cancel again is 12 (unknown)', async () => {
    const { queryId } = await paid(h, DEBIT);
    const cancel = reversal(h, 'cancel', 10_000, queryId);
    expect(cancel.acquirerOrderId).to.match(/^rfd[0-9a-f]{20}$/);
    const answer = await h.acquirer.reverse(cancel);
    expect(answer).to.include({ outcome: 'accepted', responseCode: '00' });
    const serial = answer.outcome === 'accepted' ? answer.acquirerRef : undefined;
    expect(serial)
      .to.match(/^\d{21}$/)
      .and.not.equal(queryId);
    expect(await h.acquirer.queryReversal(refOfReversal(cancel))).to.deep.equal({
      outcome: 'succeeded',
      responseCode: '00',
      acquirerRef: serial,
    });
    expect(await h.acquirer.reverse(cancel)).to.deep.equal({ outcome: 'unknown', responseCode: '12' });
  });

  it('when part is refunded (04) and then more than is left, then the first is accepted and the second rejected (33); a cancel after a refund is 33', async () => {
    const { queryId } = await paid(h, CREDIT);
    expect(await h.acquirer.reverse(reversal(h, 'refund', 4_000, queryId))).to.include({ outcome: 'accepted' });
    expect(await h.acquirer.reverse(reversal(h, 'refund', 6_001, queryId))).to.deep.equal({
      outcome: 'rejected',
      responseCode: '33',
    });
    expect(await h.acquirer.reverse(reversal(h, 'cancel', 10_000, queryId))).to.deep.equal({
      outcome: 'rejected',
      responseCode: '33',
    });
  });

  it('when a reversal was never sent, then the query says not_found', async () => {
    const { queryId } = await paid(h, DEBIT);
    expect(await h.acquirer.queryReversal(refOfReversal(reversal(h, 'refund', 1, queryId)))).to.deep.equal({
      outcome: 'not_found',
    });
  });

  it('when the refund-refused card’s consume is refunded, then it is rejected (63) and nothing is recorded', async () => {
    const { queryId } = await paid(h, REFUND_REFUSED);
    const refund = reversal(h, 'refund', 1_000, queryId);
    expect(await h.acquirer.reverse(refund)).to.deep.equal({ outcome: 'rejected', responseCode: '63' });
    expect(await h.acquirer.queryReversal(refOfReversal(refund))).to.deep.equal({ outcome: 'not_found' });
  });

  it('when the refund-timeout card’s refund is answered too late, then the answer is unknown and the query says succeeded', async () => {
    const { queryId } = await paid(h, REFUND_TIMEOUT);
    const refund = reversal(h, 'refund', 1_000, queryId);
    expect(await h.acquirer.reverse(refund)).to.deep.equal({ outcome: 'unknown' });
    expect(await h.acquirer.queryReversal(refOfReversal(refund))).to.include({ outcome: 'succeeded', responseCode: '00' });
  });

  it('when the refund-unknown card’s refund is answered 03, then every query says pending', async () => {
    const { queryId } = await paid(h, REFUND_UNKNOWN);
    const refund = reversal(h, 'refund', 1_000, queryId);
    expect(await h.acquirer.reverse(refund)).to.deep.equal({ outcome: 'unknown', responseCode: '03' });
    expect(await h.acquirer.queryReversal(refOfReversal(refund))).to.deep.equal({ outcome: 'pending' });
  });

  it('when the after-cut-off card’s consume is cancelled, then 39 (afterCutOff), and a refund of the whole amount is accepted', async () => {
    const { queryId } = await paid(h, REFUND_AFTER_CUT_OFF);
    expect(await h.acquirer.reverse(reversal(h, 'cancel', 10_000, queryId))).to.deep.equal({
      outcome: 'rejected',
      responseCode: '39',
      afterCutOff: true,
    });
    expect(await h.acquirer.reverse(reversal(h, 'refund', 10_000, queryId))).to.include({ outcome: 'accepted' });
  });

  it('when the sandbox notifies a refund, then parseNotification verifies it: not a payment, txnType 04, named by the refund’s acquirer order id', async () => {
    const { queryId } = await paid(h, DEBIT);
    await h.server.notificationsIdle();
    const before = h.receiver.bodies.length;
    const refund = reversal(h, 'refund', 2_000, queryId);
    await h.acquirer.reverse(refund);
    await h.server.notificationsIdle();
    const [body] = h.receiver.bodies.slice(before);
    const verdict = h.acquirer.parseNotification(body);
    if (!verdict.ok) expect.fail(`rejected: ${verdict.reason}`);
    expect(verdict.notification).to.include({
      acquirerOrderId: refund.acquirerOrderId,
      txnTime: refund.txnTime,
      isPayment: false,
      txnType: '04',
      responseCode: '00',
      amount: 2_000,
    });
    expect(verdict.notification.result(undefined)).to.include({ outcome: 'approved' });
  });
});

describe('createAcpAcquirer: cancels after the sandbox’s 23:00 cut-off', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it('when a consume of the day is cancelled at 23:30 Beijing, then 39 (afterCutOff), and a refund (04) is accepted instead', async () => {
    const { queryId } = await paid(h, DEBIT);
    h.clock.advance(11.5 * 3_600_000); // 12:00 → 23:30 Beijing
    expect(await h.acquirer.reverse(reversal(h, 'cancel', 10_000, queryId))).to.deep.equal({
      outcome: 'rejected',
      responseCode: '39',
      afterCutOff: true,
    });
    expect(await h.acquirer.reverse(reversal(h, 'refund', 10_000, queryId))).to.include({ outcome: 'accepted' });
  });
});
