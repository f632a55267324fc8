import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { encodeForm } from '../../../src/acquirer/acp/form-codec';
import { parseNotification, type NotificationCheck } from '../../../src/acquirer/acp/parse-notification';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import { formatTxnTime } from '../../../src/acquirer/acp/txn-time';
import { certIdOf } from '../../../src/crypto/certificates';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from '../../crypto/pki-fixture';

const MER_ID = '777290058110097';
const MINUTE = 60_000;

describe('acquirer/acp/parse-notification', function () {
  this.timeout(30_000);
  let pki: TestPki;
  let check: NotificationCheck;
  before(async () => {
    pki = await fixturePki();
    check = {
      trust: { rootPem: pki.root.certPem, intermediatePems: [pki.middle.certPem], organisation: SANDBOX_ACQUIRER_ORG },
      merchantId: MER_ID,
      now: PKI_NOW,
    };
  });

  /** A notification the acquirer signed, sent `ageMs` before PKI_NOW, with `changes` (undefined drops a field). */
  function body(changes: Record<string, string | undefined> = {}, ageMs = 0): string {
    const fields: Record<string, string | undefined> = {
      merId: MER_ID,
      orderId: 'att5f0c1a2b0011',
      txnTime: formatTxnTime(new Date(PKI_NOW.getTime() - ageMs)),
      txnType: '01',
      respCode: '00',
      queryId: '202603011200001234567',
      txnAmt: '12345',
      reqReserved: 'att_5f0c1a2b001-1',
      ...changes,
    };
    const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as AcpFields;
    const signer = pki.acquirerSigning;
    return encodeForm(
      signFields({ ...kept, signPubKeyCert: signer.certPem }, createPrivateKey(signer.keyPem), certIdOf(signer.certPem)),
    );
  }

  it('when a genuine notification arrives, then its fields come back, the amount as a number of fen', () => {
    const verdict = parseNotification(body({ origQryId: '202603011100009999999' }), check);
    expect(verdict.ok).to.equal(true);
    if (!verdict.ok) return;
    expect(verdict.notification).to.deep.include({
      merId: MER_ID,
      orderId: 'att5f0c1a2b0011',
      txnType: '01',
      respCode: '00',
      queryId: '202603011200001234567',
      amountFen: 12345,
      origQryId: '202603011100009999999',
    });
  });

  it('when it names no amount and no original serial, then neither is made up', () => {
    const verdict = parseNotification(body({ txnAmt: undefined }), check);
    expect(verdict.ok && verdict.notification).to.not.have.any.keys('amountFen', 'origQryId');
  });

  for (const field of ['merId', 'orderId', 'txnTime', 'txnType', 'respCode', 'queryId']) {
    it(`when a signed notification has no ${field}, then it is malformed`, () => {
      expect(parseNotification(body({ [field]: undefined }), check)).to.deep.equal({ ok: false, reason: 'malformed' });
    });
  }

  it('when the time or the amount cannot be read, then it is malformed', () => {
    expect(parseNotification(body({ txnTime: '2026-03-01 12:00' }), check)).to.deep.equal({ ok: false, reason: 'malformed' });
    expect(parseNotification(body({ txnAmt: '12.5' }), check)).to.deep.equal({ ok: false, reason: 'malformed' });
    expect(parseNotification(body({ txnAmt: 'abc' }), check)).to.deep.equal({ ok: false, reason: 'malformed' });
  });

  it('when it is for another merchant number, then wrong_merchant', () => {
    expect(parseNotification(body({ merId: '777290058119999' }), check)).to.deep.equal({ ok: false, reason: 'wrong_merchant' });
  });

  it('when it is exactly a day old it is taken, a second more is stale; 5 minutes ahead is taken, a second more is stale', () => {
    const day = 24 * 60 * MINUTE;
    expect(parseNotification(body({}, day), check).ok).to.equal(true);
    expect(parseNotification(body({}, day + 1_000), check)).to.deep.equal({ ok: false, reason: 'stale' });
    expect(parseNotification(body({}, -5 * MINUTE), check).ok).to.equal(true);
    expect(parseNotification(body({}, -5 * MINUTE - 1_000), check)).to.deep.equal({ ok: false, reason: 'stale' });
  });

  it('when the limits are set, then they are used instead of a day and 5 minutes', () => {
    const tight = { ...check, maxAgeMs: MINUTE, maxAheadMs: MINUTE };
    expect(parseNotification(body({}, 2 * MINUTE), tight)).to.deep.equal({ ok: false, reason: 'stale' });
    expect(parseNotification(body({}, -2 * MINUTE), tight)).to.deep.equal({ ok: false, reason: 'stale' });
  });

  it('when the body is not a form, then it is malformed before anything is verified', () => {
    expect(parseNotification('%E0%A4%A', check)).to.deep.equal({ ok: false, reason: 'malformed' });
  });
});
