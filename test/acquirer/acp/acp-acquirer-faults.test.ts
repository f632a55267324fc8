import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createAcpAcquirer } from '../../../src/acquirer/acp/acp-acquirer';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import { queryUntilSettled } from '../../../src/acquirer/query-until-settled';
import { certIdOf } from '../../../src/crypto/certificates';
import { SANDBOX_ACQUIRER_ORG } from '../../../src/crypto/test-pki';
import { fixturePki } from '../../crypto/pki-fixture';
import { memoryLog, MERCHANT_ID, startHarness, testClock } from '../acp-harness';
import { CREDIT, DEBIT } from '../../helpers/test-cards';

/** A port that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createAcpAcquirer faults', function () {
  this.timeout(20000);

  it('when the acquirer is down (connection refused), then pay is unavailable (nothing sent, the order stays payable) and a query stays pending', async () => {
    const pki = await fixturePki();
    const base = `http://127.0.0.1:${await closedPort()}`;
    const clock = testClock();
    const acquirer = createAcpAcquirer({
      endpoints: { backTrans: `${base}/gateway/api/backTransReq.do`, query: `${base}/gateway/api/queryTrans.do` },
      merchantId: MERCHANT_ID,
      signingKey: pki.merchantSigning.keyPem,
      signingCertId: certIdOf(pki.merchantSigning.certPem),
      encryptionCert: pki.acquirerEncryption.certPem,
      encryptionPadding: 'oaep',
      trust: { rootPem: pki.root.certPem, intermediatePems: [pki.middle.certPem], organisation: SANDBOX_ACQUIRER_ORG },
      pinMode: 'rsa',
      backUrl: 'http://127.0.0.1:9/notify',
      timeoutMs: 300,
      now: clock.now,
      log: memoryLog().log,
    });
    const req = {
      orderId: 'ord_1',
      attemptId: 'att_0000000000000000000a-1',
      amount: 100,
      currency: 'CNY' as const,
      txnTime: '20260302120000',
      card: { pan: DEBIT, kind: 'debit' as const, pin: '123456' },
      holder: {},
    };
    expect(await acquirer.pay(req)).to.deep.equal({ outcome: 'unavailable' });
    expect(await acquirer.query({ ...req, cardKind: 'debit' })).to.deep.equal({ outcome: 'pending' });
  });

  it('when the answers are signed by a certificate outside our trust (another PKI with the same names), then nothing is believed: pending, and queries stay pending', async () => {
    const other = await fixturePki('other');
    const h = await startHarness({
      adapter: {
        trust: { rootPem: other.root.certPem, intermediatePems: [other.middle.certPem], organisation: SANDBOX_ACQUIRER_ORG },
      },
    });
    try {
      const req = h.request(DEBIT);
      expect(await h.acquirer.pay(req)).to.deep.equal({ outcome: 'pending' });
      expect(await queryUntilSettled(h.acquirer, { ...req, cardKind: 'debit' }, { delaysMs: [0, 0] })).to.deep.equal({
        outcome: 'pending',
      });
      expect(h.logText()).to.include('untrusted_certificate');
      expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(1);
    } finally {
      await h.stop();
    }
  });

  it('when we sign with a key the acquirer did not issue, then it answers 11 and pay is unavailable (nothing charged)', async () => {
    const other = await fixturePki('other');
    const h = await startHarness({
      adapter: { signingKey: other.merchantSigning.keyPem, signingCertId: certIdOf(other.merchantSigning.certPem) },
    });
    try {
      expect(await h.acquirer.pay(h.request(DEBIT))).to.deep.equal({ outcome: 'unavailable', responseCode: '11' });
    } finally {
      await h.stop();
    }
  });

  it("when the adapter encrypts with PKCS#1 v1.5 (UnionPay's padding), then the sandbox cannot decrypt, answers 13, and pay is unavailable", async () => {
    const h = await startHarness({ adapter: { encryptionPadding: 'pkcs1' } });
    try {
      expect(await h.acquirer.pay(h.request(CREDIT))).to.deep.equal({ outcome: 'unavailable', responseCode: '13' });
    } finally {
      await h.stop();
    }
  });

  it('when the PIN travels under TDEA (pinMode tdea), then a zone PIN key is exchanged under RSA and the TDEA PIN block is checked: right approved, wrong declined', async () => {
    const h = await startHarness({ adapter: { pinMode: 'tdea' } });
    try {
      const right = h.request(DEBIT);
      expect(await h.acquirer.pay(right)).to.include({ outcome: 'pending', responseCode: '00' });
      expect(await h.acquirer.query({ ...right, cardKind: 'debit' })).to.include({ outcome: 'approved' });
      expect(await h.acquirer.pay(h.request(DEBIT, { card: { pin: '111222' } }))).to.include({
        outcome: 'declined',
        reason: 'wrong_pin',
      });
      expect(await h.acquirer.pay(h.request(CREDIT))).to.include({ outcome: 'pending', responseCode: '00' });
    } finally {
      await h.stop();
    }
  });

  it('when pinMode is tdea and the key exchange cannot be done, then the consume is not sent: unavailable', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const h = await startHarness({ adapter: { pinMode: 'tdea' } });
    try {
      const acquirer = createAcpAcquirer({
        endpoints: { ...h.server.endpoints, zonePinKey: `${base}/gateway/api/zonePinKey.do` },
        merchantId: MERCHANT_ID,
        signingKey: h.pki.merchantSigning.keyPem,
        signingCertId: certIdOf(h.pki.merchantSigning.certPem),
        encryptionCert: h.pki.acquirerEncryption.certPem,
        encryptionPadding: 'oaep',
        trust: h.trust,
        pinMode: 'tdea',
        backUrl: h.receiver.url,
        timeoutMs: 300,
        now: h.clock.now,
        log: memoryLog().log,
      });
      const req = h.request(DEBIT);
      expect(await acquirer.pay(req)).to.deep.equal({ outcome: 'unavailable' });
      expect(h.server.stats().consumesByOrderId[acpOrderIdOf(req.attemptId)]).to.equal(undefined);
    } finally {
      await h.stop();
    }
  });
});
