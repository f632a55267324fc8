import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from '../../src/acquirer/acp/acp-fields';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import { encodeForm } from '../../src/acquirer/acp/form-codec';
import { signFields } from '../../src/acquirer/acp/sign-string';
import { TEST_HOLDER } from '../../sandbox-acquirer/test-cards';
import { certIdOf } from '../../src/crypto/certificates';
import type { TestPki } from '../../src/crypto/test-pki';
import type { PaymentAttemptRow } from '../../src/store/payment-rows';
import { applyAttemptOutcome } from '../../src/payment/payment-outcome';
import { createPaymentService, type PaymentService } from '../../src/payment/payment-service';
import { MERCHANT_ID } from '../acquirer/acp-harness';
import { fixturePki } from '../crypto/pki-fixture';
import { startBench, type Bench } from './payment-bench';
import { acquirerBasics } from '../helpers/acquirer-basics';
import { testCardFingerprint } from '../helpers/test-fingerprint';
import { DEBIT } from '../helpers/test-cards';

const QUERY_ID = '202603021200001234567';

/** A notification as the acquirer would POST it, signed with `pki`'s acquirer signing key. */
function notificationBody(attempt: PaymentAttemptRow, pki: TestPki, changes: AcpFields = {}): string {
  const fields: AcpFields = {
    version: ACP_VERSION,
    encoding: ACP_ENCODING,
    signMethod: ACP_SIGN_METHOD_RSA,
    txnType: '01',
    txnSubType: '01',
    bizType: '000301',
    accessType: '0',
    merId: MERCHANT_ID,
    orderId: acpOrderIdOf(attempt.id),
    txnTime: attempt.txn_time,
    txnAmt: String(attempt.amount),
    currencyCode: '156',
    queryId: QUERY_ID,
    respCode: '00',
    respMsg: 'success',
    reqReserved: attempt.id,
    ...changes,
  };
  const signer = pki.acquirerSigning;
  return encodeForm(
    signFields({ ...fields, signPubKeyCert: signer.certPem }, createPrivateKey(signer.keyPem), certIdOf(signer.certPem)),
  );
}

describe('services: acquirer notifications over POST /acquirer/notify (F5)', function () {
  this.timeout(20_000);
  let bench: Bench;
  let stuck: PaymentService;
  let attempt: PaymentAttemptRow;
  let orderId: string;

  const post = (body: string) =>
    fetch(bench.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body,
    });

  /** An attempt whose consume got no final answer: the caller heard pending, the acquirer's word is awaited. */
  beforeEach(async () => {
    bench = await startBench();
    stuck = createPaymentService({
      cardFingerprint: testCardFingerprint,
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      acquirer: {
        ...acquirerBasics,
        pay: () => Promise.resolve({ outcome: 'pending' }),
        query: () => Promise.resolve({ outcome: 'pending' }),
      },
      callerWaitMs: 50,
      queryDelaysMs: [60_000],
    });
    orderId = (await bench.orderInCall()).id;
    const holder = { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile };
    expect((await stuck.pay({ orderId, callId: 'call-1', card: bench.card(DEBIT), bankCode: 'pab', holder })).outcome).to.equal(
      'pending',
    );
    [attempt] = await bench.attempts(orderId);
    expect(attempt.state).to.equal('unknown');
  });
  afterEach(async () => {
    await stuck.stop();
    await bench.stop();
  });

  const state = async () => (await bench.attempts(orderId))[0].state;

  it('when the same approval is posted six times, five of them at once, then every post gets 200 and the order changes state once', async () => {
    const body = notificationBody(attempt, bench.h.pki);

    const statuses = await Promise.all([1, 2, 3, 4, 5].map(async () => (await post(body)).status));
    statuses.push((await post(body)).status);

    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect(await state()).to.equal('approved');
    expect((await bench.orders.getOrder(bench.merchantId, orderId)).status).to.equal('paid');
    expect(await bench.events(orderId, 'order.paid')).to.equal(1);
    expect(await bench.db('acquirer_notifications').count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('when the notification comes before the query result, or after it, then the second word changes nothing', async () => {
    expect((await post(notificationBody(attempt, bench.h.pki))).status).to.equal(200);
    const approved = { outcome: 'approved' as const, acquirerRef: QUERY_ID, responseCode: '00' };
    expect(await applyAttemptOutcome(bench.store, attempt.id, approved, bench.h.clock.now(), bench.log)).to.equal(false);
    // A contradicting word arriving late (a decline under another serial) cannot undo the payment.
    expect(
      (await post(notificationBody(attempt, bench.h.pki, { respCode: '64', queryId: '202603021200009999999' }))).status,
    ).to.equal(200);

    expect(await state()).to.equal('approved');
    expect((await bench.orders.getOrder(bench.merchantId, orderId)).status).to.equal('paid');
    expect(await bench.events(orderId, 'order.paid')).to.equal(1);
  });

  it('when a notification is signed by a key outside the acquirer’s chain, then it is rejected with 400, logged without its content, and nothing changes', async () => {
    const forger = await fixturePki('forger');
    const body = notificationBody(attempt, forger, { accNo: DEBIT });

    const res = await post(body);

    expect(res.status).to.equal(400);
    expect(await state()).to.equal('unknown');
    const log = bench.logText();
    expect(log).to.match(/"reason":"[a-z_]+".*acquirer notification rejected/);
    expect(log).to.not.include(DEBIT);
    expect(log).to.not.include(QUERY_ID);
  });

  it('when a genuine notification is altered after signing (another amount), then it is rejected with 400 and nothing changes', async () => {
    const body = notificationBody(attempt, bench.h.pki).replace(`txnAmt=${attempt.amount}`, 'txnAmt=1');

    expect((await post(body)).status).to.equal(400);
    expect(await state()).to.equal('unknown');
  });

  it('when a genuine notification is replayed a day later, then it is rejected as stale with 400', async () => {
    const body = notificationBody(attempt, bench.h.pki);
    bench.h.clock.advance(25 * 3600_000);

    expect((await post(body)).status).to.equal(400);
    expect(await state()).to.equal('unknown');
    expect(bench.logText()).to.include('"reason":"stale"');
  });

  it('when a correctly signed notification names another amount than the attempt, then it is rejected, an alert is logged, and nothing changes', async () => {
    const body = notificationBody(attempt, bench.h.pki, { txnAmt: String(attempt.amount + 100) });

    expect((await post(body)).status).to.equal(400);
    expect(await state()).to.equal('unknown');
    expect(bench.logText()).to.include('"alert":"notification_amount_mismatch"');
  });

  for (const [what, txnType] of [
    ['a refund (04)', '04'],
    ['a cancel (31)', '31'],
  ] as const) {
    it(`when ${what} notification names the attempt’s acquirer order, then it is not taken as the payment’s result: the attempt stays unknown and the order unpaid`, async () => {
      const body = notificationBody(attempt, bench.h.pki, { txnType, txnSubType: '00', queryId: '202603021200007777777' });

      expect((await post(body)).status).to.be.below(500);

      expect(await state()).to.equal('unknown');
      const row = (await bench.attempts(orderId))[0];
      expect(row.acquirer_ref).to.equal(null);
      expect((await bench.orders.getOrder(bench.merchantId, orderId)).status).to.not.equal('paid');
      expect(await bench.events(orderId, 'order.paid')).to.equal(0);
    });
  }

  it('when the same approval is received twice, then the first is applied and changes the order, the second is a duplicate', async () => {
    const body = notificationBody(attempt, bench.h.pki);
    expect(await bench.notifications.receive(body)).to.deep.equal({ status: 'applied', changed: true });
    expect(await bench.notifications.receive(body)).to.deep.equal({ status: 'duplicate' });
    expect(await state()).to.equal('approved');
  });

  it('when a notification still says pending (03), then it is ignored and the attempt stays unknown', async () => {
    const body = notificationBody(attempt, bench.h.pki, { respCode: '03' });
    expect(await bench.notifications.receive(body)).to.deep.equal({ status: 'ignored' });
    expect(await state()).to.equal('unknown');
  });

  it('when the amount differs, then the receipt names amount_mismatch', async () => {
    const body = notificationBody(attempt, bench.h.pki, { txnAmt: String(attempt.amount + 1) });
    expect(await bench.notifications.receive(body)).to.deep.equal({ status: 'rejected', reason: 'amount_mismatch' });
  });

  it('when a notification names an attempt we never made, then it is rejected with 400', async () => {
    const body = notificationBody({ ...attempt, id: 'att_00000000000000000000-9' }, bench.h.pki);
    expect((await post(body)).status).to.equal(400);
    expect(bench.logText()).to.include('"reason":"unknown_attempt"');
  });
});
