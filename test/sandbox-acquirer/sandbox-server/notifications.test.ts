import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import { decodeForm, encodeForm } from '../../../src/acquirer/acp/form-codec';
import { parseNotification, type NotificationCheck } from '../../../src/acquirer/acp/parse-notification';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import { certIdOf } from '../../../src/crypto/certificates';
import { fixturePki } from '../../crypto/pki-fixture';
import { MERCHANT_ID, startHarness, type Harness } from '../../acquirer/acp-harness';
import { DEBIT } from '../../helpers/test-cards';

describe('sandbox acquirer notifications and parseNotification', function () {
  this.timeout(20000);
  let h: Harness;
  let failFirst = 0;
  before(async () => {
    h = await startHarness({ receiverStatus: () => (failFirst-- > 0 ? 500 : 200) });
  });
  after(() => h.stop());

  const check = (): NotificationCheck => ({ trust: h.trust, merchantId: MERCHANT_ID, now: h.clock.now() });

  async function approvedNotification(): Promise<{ body: string; attemptId: string }> {
    const req = h.request(DEBIT);
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(req);
    await h.server.notificationsIdle();
    const bodies = h.receiver.bodies.slice(before);
    expect(bodies).to.have.length(1);
    return { body: bodies[0], attemptId: req.attemptId };
  }

  it('when a consume succeeds, then one signed notification reaches backUrl and verifies, naming our attempt', async () => {
    const { body, attemptId } = await approvedNotification();
    const verdict = parseNotification(body, check());
    expect(verdict.ok).to.equal(true);
    if (!verdict.ok) return;
    expect(verdict.notification).to.include({
      merId: MERCHANT_ID,
      orderId: acpOrderIdOf(attemptId),
      attemptId,
      txnType: '01',
      respCode: '00',
      amountFen: 4599,
    });
    expect(verdict.notification.queryId).to.match(/^\d{21}$/);
  });

  it('when a consume is declined, then no notification is sent (UnionPay notifies successes only)', async () => {
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(h.request(DEBIT, { card: { pin: '000111' } }));
    await h.server.notificationsIdle();
    expect(h.receiver.bodies.length).to.equal(before);
  });

  it('when backUrl answers 500 twice, then the notification is sent again on the schedule until a 200, three sends in all', async () => {
    failFirst = 2;
    const req = h.request(DEBIT);
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(req);
    await h.server.notificationsIdle();
    const sent = h.receiver.bodies.slice(before);
    expect(sent).to.have.length(3);
    expect(new Set(sent.map((b) => decodeForm(b).queryId)).size).to.equal(1);
  });

  it('when backUrl never answers 200, then the notification is sent five times and then given up', async () => {
    failFirst = 100;
    const before = h.receiver.bodies.length;
    await h.acquirer.pay(h.request(DEBIT));
    await h.server.notificationsIdle();
    failFirst = 0;
    expect(h.receiver.bodies.length - before).to.equal(5);
  });

  it('when a notification is forged (signed by a certificate of another PKI with the same names), then it is rejected', async () => {
    const other = await fixturePki('other');
    const { body } = await approvedNotification();
    const fields = decodeForm(body);
    const forged = signFields(
      { ...fields, signPubKeyCert: other.acquirerSigning.certPem },
      createPrivateKey(other.acquirerSigning.keyPem),
      certIdOf(other.acquirerSigning.certPem),
    );
    expect(parseNotification(encodeForm(forged), check())).to.deep.equal({ ok: false, reason: 'untrusted_certificate' });
  });

  it('when a genuine notification is changed (another amount), then bad_signature', async () => {
    const { body } = await approvedNotification();
    const fields = decodeForm(body);
    expect(parseNotification(encodeForm({ ...fields, txnAmt: '1' }), check())).to.deep.equal({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('when a genuine notification is replayed within the window, then it still verifies (the caller applies it idempotently by queryId)', async () => {
    const { body } = await approvedNotification();
    const first = parseNotification(body, check());
    h.clock.advance(10 * 60_000);
    const again = parseNotification(body, check());
    expect(again).to.deep.equal(first);
    h.clock.advance(-10 * 60_000);
  });

  it('when a genuine notification is replayed after the window (its txnTime over 24 h old), then it is rejected as stale', async () => {
    const { body } = await approvedNotification();
    const later = { ...check(), now: new Date(h.clock.now().getTime() + 25 * 3600_000) };
    expect(parseNotification(body, later)).to.deep.equal({ ok: false, reason: 'stale' });
    expect(parseNotification(body, { ...later, maxAgeMs: 48 * 3600_000 }).ok).to.equal(true);
  });

  it('when a notification is for another merchant number, or is not a form, then it is rejected', async () => {
    const { body } = await approvedNotification();
    expect(parseNotification(body, { ...check(), merchantId: '898000000000001' })).to.deep.equal({
      ok: false,
      reason: 'wrong_merchant',
    });
    expect(parseNotification('a=1&a=2', check())).to.deep.equal({ ok: false, reason: 'malformed' });
    expect(parseNotification('respCode=00', check())).to.deep.equal({ ok: false, reason: 'no_certificate' });
  });
});
