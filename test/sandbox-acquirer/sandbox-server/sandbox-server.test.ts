import fs from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import { decodeAnswer, encodeForm } from '../../../src/acquirer/acp/form-codec';
import { buildQuery } from '../../../src/acquirer/acp/messages';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import { formatTxnTime } from '../../../src/acquirer/acp/txn-time';
import { verifyAcpMessage } from '../../../src/acquirer/acp/verify-acp-message';
import { ZM_LINE_LENGTH } from '../../../src/reconciliation/zm-layout';
import { TEST_CARDS, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN } from '../../../sandbox-acquirer/test-cards';
import { certIdOf } from '../../../src/crypto/certificates';
import { testOutputFile } from '../../helpers/test-output';
import { MERCHANT_ID, startHarness, TRAFFIC_LOG, type Harness } from '../../acquirer/acp-harness';
import { CREDIT, DEBIT } from '../../helpers/test-cards';

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

describe('sandbox acquirer server', function () {
  this.timeout(20000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it('when a request is not signed by the merchant certificate it issued, then it answers 11, signed', async () => {
    const query = buildQuery(
      { merId: MERCHANT_ID, backUrl: h.receiver.url },
      { orderId: 'ord00000001', txnTime: formatTxnTime(h.clock.now()) },
    );
    const forged = signFields(
      { ...query, orderId: 'ord00000001' },
      createPrivateKey(h.pki.acquirerSigning.keyPem),
      certIdOf(h.pki.merchantSigning.certPem),
    );
    const answer = decodeAnswer(await (await post(h.server.endpoints.query, encodeForm(forged))).text());
    expect(answer.respCode).to.equal('11');
    expect(verifyAcpMessage(answer, h.trust, h.clock.now())).to.equal('ok');
  });

  it('when a path is unknown or the body is not a form, then 404 and 400', async () => {
    expect((await post(`${h.server.url}/gateway/api/frontTransReq.do`, 'a=1')).status).to.equal(404);
    expect((await post(h.server.endpoints.backTrans, 'a=1&a=2')).status).to.equal(400);
  });

  it('when consumes came in, then GET /sandbox/stats counts them per orderId', async () => {
    const req = h.request(DEBIT);
    await h.acquirer.pay(req);
    const stats = (await (await fetch(`${h.server.url}/sandbox/stats`)).json()) as { consumesByOrderId: Record<string, number> };
    expect(stats.consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
    expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
  });

  it('when a day had a consume and a refund, then its reconciliation file has both, fixed-width, masked, amounts in 12-digit fen', async () => {
    const req = h.request(CREDIT, { amount: 10000 });
    const paid = await h.acquirer.pay(req);
    const origQryId = paid.outcome === 'pending' ? (paid.acquirerRef ?? '') : '';
    await h.acquirer.refund({ attemptId: `${req.attemptId}r`, txnTime: req.txnTime, amountFen: 2500, origQryId });
    const settleDate = req.txnTime.slice(0, 8);

    const file = await (await fetch(`${h.server.url}/sandbox/reconciliation/${settleDate}?merId=${MERCHANT_ID}`)).text();
    expect(file).to.equal(h.server.reconciliation(settleDate, MERCHANT_ID));
    const lines = file.split('\n').slice(0, -1);
    expect(lines.every((l) => l.length === ZM_LINE_LENGTH)).to.equal(true);
    const consume = lines.find((l) => l.includes(origQryId) && l.startsWith('S22'))!;
    expect(consume).to.include('622155******0000').and.include(' 000000010000 ').and.include(acpOrderIdOf(req.attemptId));
    expect(consume).to.include(' D000000000060 C000000009940 ');
    const refund = lines.find((l) => l.startsWith('S33') && l.includes(acpOrderIdOf(`${req.attemptId}r`)))!;
    expect(refund).to.include(' 000000002500 ').and.include(' C000000000000 D000000002500 ');
    expect(file).not.to.include(CREDIT);
    expect(h.server.reconciliation('19991231')).to.equal('');
  });

  it('when a ledger file is given, then a restarted sandbox still answers queries for earlier transactions', async () => {
    const ledgerFile = testOutputFile('sandbox-acquirer-ledger.json');
    fs.rmSync(ledgerFile, { force: true });
    const first = await startHarness({ server: { ledgerFile } });
    const req = first.request(DEBIT);
    await first.acquirer.pay(req);
    await first.stop();
    const second = await startHarness({ server: { ledgerFile } });
    try {
      expect(await second.acquirer.query({ ...req, cardKind: 'debit' })).to.include({ outcome: 'approved' });
      expect(fs.readFileSync(ledgerFile, 'utf8')).not.to.include(DEBIT);
    } finally {
      await second.stop();
    }
  });

  it('when stopped while holding a slow answer, then it stops at once and our pay comes back pending', async () => {
    const slowServer = await startHarness({ server: { slowAnswerMs: 60_000 }, adapter: { timeoutMs: 30_000 } });
    const slow = TEST_CARDS.find((c) => c.outcome === 'slow_answer')!;
    const req = slowServer.request(slow.pan);
    const paying = slowServer.acquirer.pay(req);
    while (!slowServer.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await slowServer.stop();
    expect(await paying).to.deep.equal({ outcome: 'pending' });
    expect(Date.now() - started).to.be.below(1000);
  });

  it('when the whole traffic log of these tests is scanned, then no card number, PIN, CVN2, expiry, ID or mobile is in it', () => {
    const text = fs.readFileSync(testOutputFile(TRAFFIC_LOG), 'utf8');
    expect(text).to.include('"accNo":"[removed]"').and.include('"customerInfo":"[removed]"');
    for (const card of TEST_CARDS) expect(text, card.pan.slice(0, 6)).not.to.include(card.pan);
    for (const secret of [
      TEST_PIN,
      TEST_CVN2,
      TEST_EXPIRY_MMYY,
      TEST_EXPIRY_MMYY.slice(2) + TEST_EXPIRY_MMYY.slice(0, 2),
      TEST_HOLDER.idNumber,
      TEST_HOLDER.mobile,
    ]) {
      // Bounded by anything but base64's alphabet: a line's timestamp (CI saw `08.123Z`, the CVN2 as milliseconds) or
      // a signature spells short digit runs by chance, while a leaked value stands alone in JSON or a form field.
      const alone = new RegExp(`(?<![0-9A-Za-z+/])${secret}(?![0-9A-Za-z+/])`);
      expect(alone.test(text), `found ${secret.length} digits of card data`).to.equal(false);
    }
    expect(text).not.to.match(/"(cvn2|pin|expired|phoneNo|certifId|smsCode|encryptedInfo|zonePinKey)":"(?!\[removed\])/);
  });
});
