import { expect } from 'chai';
import type { AttemptRef, PaymentRequest } from '../../../src/acquirer/acquirer-port';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import { queryUntilSettled } from '../../../src/acquirer/query-until-settled';
import { TEST_CARDS, TEST_HOLDER } from '../../../sandbox-acquirer/test-cards';
import { maskPan } from '../../../src/domain/mask';
import { startHarness, type Harness } from '../acp-harness';
import { CREDIT, DEBIT } from '../../helpers/test-cards';

const SHORT = { delaysMs: [0, 20, 40] };

const refOf = (req: PaymentRequest): AttemptRef => ({
  orderId: req.orderId,
  attemptId: req.attemptId,
  txnTime: req.txnTime,
  cardKind: req.card.kind,
});

describe('createAcpAcquirer ↔ sandbox acquirer server', function () {
  this.timeout(20000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  async function payAndSettle(req: PaymentRequest) {
    const answer = await h.acquirer.pay(req);
    const settled = answer.outcome === 'pending' ? await queryUntilSettled(h.acquirer, refOf(req), SHORT) : answer;
    return { answer, settled };
  }

  it('when the credit test card is paid, then the answer is 00 "accepted" (pending) and the query says approved with the same queryId', async () => {
    const { answer, settled } = await payAndSettle(h.request(CREDIT));
    expect(answer).to.include({ outcome: 'pending', responseCode: '00' });
    expect(settled).to.deep.equal({
      outcome: 'approved',
      acquirerRef: answer.outcome === 'pending' ? answer.acquirerRef : '',
      responseCode: '00',
    });
  });

  it('when the debit test card is paid with PIN 123456 and the holder data, then it is approved', async () => {
    const { settled } = await payAndSettle(
      h.request(DEBIT, { holder: { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile } }),
    );
    expect(settled).to.include({ outcome: 'approved', responseCode: '00' });
  });

  it('when the debit test card comes with another PIN, then the answer is a final decline wrong_pin (65)', async () => {
    const answer = await h.acquirer.pay(h.request(DEBIT, { card: { pin: '654321' } }));
    expect(answer).to.deep.equal({ outcome: 'declined', reason: 'wrong_pin', responseCode: '65' });
  });

  it('when the credit test card comes with another CVN2, then 65 means wrong_cvn2_or_expiry for a credit card', async () => {
    expect(await h.acquirer.pay(h.request(CREDIT, { card: { cvn2: '999' } }))).to.include({
      reason: 'wrong_cvn2_or_expiry',
      responseCode: '65',
    });
  });

  it('when another ID number or mobile is sent, then id_mobile_mismatch (66)', async () => {
    const answer = await h.acquirer.pay(
      h.request(CREDIT, { holder: { idNumber: '11010519491231002X', mobile: TEST_HOLDER.mobile } }),
    );
    expect(answer).to.include({ outcome: 'declined', reason: 'id_mobile_mismatch', responseCode: '66' });
  });

  it('when the SMS card is paid after an SMS code request, with code 111111, then it is approved; without the code it is declined 71', async () => {
    const sms = TEST_CARDS.find((c) => c.needsSmsCode)!;
    expect(h.acquirer.smsCodeRequired(sms)).to.equal(true);
    expect(h.acquirer.smsCodeRequired({ pan: DEBIT, kind: 'debit' })).to.equal(false);

    expect(await h.acquirer.pay(h.request(sms.pan))).to.include({ outcome: 'declined', responseCode: '71' });

    const req = h.request(sms.pan, { holder: { mobile: TEST_HOLDER.mobile } });
    expect(await h.acquirer.requestSmsCode(req)).to.deep.equal({ ok: true });
    req.holder.smsCode = TEST_HOLDER.smsCode;
    expect((await payAndSettle(req)).settled).to.include({ outcome: 'approved' });
  });

  it('when an SMS code is asked for another mobile, then it is refused with id_mobile_mismatch', async () => {
    const sms = TEST_CARDS.find((c) => c.needsSmsCode)!;
    expect(await h.acquirer.requestSmsCode(h.request(sms.pan, { holder: { mobile: '13800138000' } }))).to.deep.equal({
      ok: false,
      reason: 'id_mobile_mismatch',
    });
  });

  const EXPECTED: Record<string, { first: object; settled: object }> = {
    approved: { first: { outcome: 'pending', responseCode: '00' }, settled: { outcome: 'approved' } },
    unavailable: { first: { outcome: 'pending' }, settled: { outcome: 'not_found' } },
    issuer_timeout: { first: { outcome: 'pending', responseCode: '03' }, settled: { outcome: 'approved', responseCode: '00' } },
    slow_answer: { first: { outcome: 'pending' }, settled: { outcome: 'approved', responseCode: '00' } },
    duplicate_order: { first: { outcome: 'pending', responseCode: '12' }, settled: { outcome: 'not_found' } },
    answer_lost: { first: { outcome: 'pending', responseCode: '03' }, settled: { outcome: 'pending' } },
  };
  for (const card of TEST_CARDS.filter((c) => !c.needsSmsCode)) {
    const expected = EXPECTED[card.outcome] ?? {
      first: { outcome: 'declined', reason: card.outcome },
      settled: { outcome: 'declined', reason: card.outcome },
    };
    it(`when ${maskPan(card.pan)} (${card.outcome}) is paid over ACP, then the answer is ${JSON.stringify(expected.first)} and it settles as ${JSON.stringify(expected.settled)}, sent once`, async () => {
      const req = h.request(card.pan);
      const { answer, settled } = await payAndSettle(req);
      expect(answer).to.include(expected.first);
      expect(settled).to.include(expected.settled);
      expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
    });
  }

  it('when the answer comes after our timeout (the acquirer has the consume), then pay is pending, the query resolves it, and the acquirer saw exactly one consume', async () => {
    const slow = TEST_CARDS.find((c) => c.outcome === 'slow_answer')!;
    const req = h.request(slow.pan);
    const started = Date.now();
    expect(await h.acquirer.pay(req)).to.deep.equal({ outcome: 'pending' });
    expect(Date.now() - started).to.be.below(600);
    expect(await queryUntilSettled(h.acquirer, refOf(req), SHORT)).to.include({ outcome: 'approved' });
    expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
  });

  it('when the answer is tampered with in transit (respCode 00 flipped to 01), then it is not believed: pending, and the query says approved', async () => {
    const req = h.request(DEBIT);
    h.server.testHooks.tamperNextAnswers(1);
    expect(await h.acquirer.pay(req)).to.deep.equal({ outcome: 'pending' });
    expect(h.logText()).to.include('bad_signature');
    expect(await queryUntilSettled(h.acquirer, refOf(req), SHORT)).to.include({ outcome: 'approved' });
    expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
  });

  it('when the same attempt is sent twice (the bug exactly-once forbids), then the second is 12 and the query still says the first was approved', async () => {
    const req = h.request(DEBIT);
    await h.acquirer.pay(req);
    expect(await h.acquirer.pay(req)).to.include({ outcome: 'pending', responseCode: '12' });
    expect(await h.acquirer.query(refOf(req))).to.include({ outcome: 'approved' });
  });

  it('when an attempt was never sent, then the query says not_found', async () => {
    expect(await h.acquirer.query(refOf(h.request(DEBIT)))).to.deep.equal({ outcome: 'not_found' });
  });

  it('when a declined attempt is queried without the card kind, then 65 is a plain decline (no guess between PIN and CVN2)', async () => {
    const req = h.request(DEBIT, { card: { pin: '000000' } });
    await h.acquirer.pay(req);
    expect(await h.acquirer.query({ ...refOf(req), cardKind: undefined })).to.deep.equal({
      outcome: 'declined',
      reason: 'declined',
      responseCode: '65',
    });
    expect(await h.acquirer.query(refOf(req))).to.include({ reason: 'wrong_pin' });
  });

  it('when an approved consume is refunded in part and then beyond what is left, then the first is accepted and the second rejected (33)', async () => {
    const req = h.request(CREDIT, { amount: 5000 });
    const { settled } = await payAndSettle(req);
    const origQryId = settled.outcome === 'approved' ? settled.acquirerRef : '';
    const refund = { attemptId: `${req.attemptId}r1`, txnTime: req.txnTime, amountFen: 2000, origQryId };
    expect(await h.acquirer.refund(refund)).to.include({ outcome: 'accepted', responseCode: '00' });
    expect(await h.acquirer.query({ orderId: req.orderId, attemptId: refund.attemptId, txnTime: refund.txnTime })).to.include({
      outcome: 'approved',
    });
    expect(await h.acquirer.refund({ ...refund, attemptId: `${req.attemptId}r2`, amountFen: 3001 })).to.deep.equal({
      outcome: 'rejected',
      responseCode: '33',
    });
    expect(await h.acquirer.cancel({ ...refund, attemptId: `${req.attemptId}c1`, amountFen: 5000 })).to.deep.equal({
      outcome: 'rejected',
      responseCode: '33',
    });
  });

  it('when an approved consume is cancelled for its whole amount, then the cancel is accepted', async () => {
    const req = h.request(DEBIT);
    const { settled } = await payAndSettle(req);
    const origQryId = settled.outcome === 'approved' ? settled.acquirerRef : '';
    expect(
      await h.acquirer.cancel({ attemptId: `${req.attemptId}c`, txnTime: req.txnTime, amountFen: req.amount, origQryId }),
    ).to.include({ outcome: 'accepted' });
  });

  it('when the sandbox notifies an approved consume, then parseNotification verifies it and tells in port terms which attempt it names and its result', async () => {
    const req = h.request(DEBIT);
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(req);
    await h.server.notificationsIdle();
    const [body] = h.receiver.bodies.slice(before);
    const verdict = h.acquirer.parseNotification(body);
    if (!verdict.ok) expect.fail(`rejected: ${verdict.reason}`);
    const n = verdict.notification;
    expect(n).to.include({
      acquirerOrderId: acpOrderIdOf(req.attemptId),
      txnTime: req.txnTime,
      isPayment: true,
      responseCode: '00',
      amount: req.amount,
    });
    expect(n.names(req.attemptId)).to.equal(true);
    expect(n.names(h.request(DEBIT).attemptId)).to.equal(false);
    expect(n.result('debit')).to.deep.equal({ outcome: 'approved', acquirerRef: n.acquirerRef, responseCode: '00' });
    expect(await h.acquirer.query(refOf(req))).to.deep.equal(n.result('debit'));
  });

  it('when a notification is altered after signing, or is not a form, then parseNotification rejects it with the reason', async () => {
    const req = h.request(DEBIT);
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(req);
    await h.server.notificationsIdle();
    const [body] = h.receiver.bodies.slice(before);
    expect(h.acquirer.parseNotification(body.replace(/txnAmt=\d+/, 'txnAmt=1'))).to.deep.equal({
      ok: false,
      reason: 'bad_signature',
    });
    expect(h.acquirer.parseNotification('a=1&a=2')).to.deep.equal({ ok: false, reason: 'malformed' });
  });

  it("when an attempt is stamped, then its transaction time is ACP's Beijing YYYYMMDDhhmmss", () => {
    expect(h.acquirer.txnTimeOf(new Date('2026-03-01T16:30:05Z'))).to.equal('20260302003005');
  });

  it('when payments went through, then our log names orders and codes but no card data', () => {
    const text = h.logText();
    expect(text).to.include('consume answered');
    for (const card of TEST_CARDS) expect(text).not.to.include(card.pan);
    expect(text).not.to.match(/(?<!\d)(123456|1230|3012)(?!\d)/);
    expect(text).not.to.include(TEST_HOLDER.idNumber).and.not.to.include(TEST_HOLDER.mobile);
  });
});
