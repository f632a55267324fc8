import { createPrivateKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAcpAcquirer, type AcpAcquirerOptions } from '../../../src/acquirer/acp/acp-acquirer';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import type { PaymentRequest } from '../../../src/acquirer/acquirer-port';
import type { HolderData } from '../../../src/call/holder-data';
import { decodeForm, encodeAnswer } from '../../../src/acquirer/acp/form-codec';
import { signFields } from '../../../src/acquirer/acp/sign-string';
import type { AcpTrust } from '../../../src/acquirer/acp/verify-acp-message';
import { certIdOf } from '../../../src/crypto/certificates';
import { SANDBOX_ACQUIRER_ORG, type TestPki } from '../../../src/crypto/test-pki';
import { findTestCard, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_PIN } from '../../../sandbox-acquirer/test-cards';
import { memoryLog, MERCHANT_ID, testClock } from '../acp-harness';

export interface FakeRequest {
  path: string;
  fields: AcpFields;
}

export interface FakeReply {
  status: number;
  body: string;
}

/** The trust that accepts what the fake signs. */
export function fakeTrust(pki: TestPki): AcpTrust {
  return { rootPem: pki.root.certPem, intermediatePems: [pki.middle.certPem], organisation: SANDBOX_ACQUIRER_ORG };
}

/**
 * A scripted acquirer on 127.0.0.1, unlike the sandbox free to answer anything: it keeps every request (path and
 * decoded fields) and answers what `reply` says; by default a signed 00 echoing the order (and a zone PIN key's
 * check value, which confirms it).
 */
export async function startFakeAcp(pki: TestPki) {
  const signingKey = createPrivateKey(pki.acquirerSigning.keyPem);
  const certId = certIdOf(pki.acquirerSigning.certPem);
  const signed = (fields: AcpFields): FakeReply => ({
    status: 200,
    body: encodeAnswer(signFields({ ...fields, signPubKeyCert: pki.acquirerSigning.certPem }, signingKey, certId)),
  });
  const echo = (request: AcpFields, extra: AcpFields = {}): AcpFields => {
    const echoed: AcpFields = {};
    for (const key of ['merId', 'orderId', 'txnTime', 'txnType', 'checkValue'])
      if (request[key] !== undefined) echoed[key] = request[key];
    return { ...echoed, ...extra };
  };
  const requests: FakeRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        path: new URL(req.url ?? '/', 'http://fake').pathname,
        fields: decodeForm(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      const reply = fake.reply(request);
      res.writeHead(reply.status).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake = {
    url,
    endpoints: { backTrans: `${url}/backTransReq.do`, query: `${url}/queryTrans.do`, zonePinKey: `${url}/zonePinKey.do` },
    requests,
    /** The requests that went to one path, e.g. '/zonePinKey.do'. */
    to: (path: string) => requests.filter((r) => r.path === path).map((r) => r.fields),
    signed,
    echo,
    reply: (request: FakeRequest): FakeReply => signed(echo(request.fields, { respCode: '00' })),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

export type FakeAcp = Awaited<ReturnType<typeof startFakeAcp>>;

/** An ACP adapter talking to `fake`, built inside the test (so the mutation run sees its construction); its log lines parsed. */
export function fakeAcquirer(pki: TestPki, fake: FakeAcp, changes: Partial<AcpAcquirerOptions> = {}) {
  const { log, text } = memoryLog();
  const acquirer = createAcpAcquirer({
    endpoints: { backTrans: fake.endpoints.backTrans, query: fake.endpoints.query },
    merchantId: MERCHANT_ID,
    signingKey: pki.merchantSigning.keyPem,
    signingCertId: certIdOf(pki.merchantSigning.certPem),
    encryptionCert: pki.acquirerEncryption.certPem,
    encryptionPadding: 'oaep',
    trust: fakeTrust(pki),
    pinMode: 'rsa',
    backUrl: 'http://127.0.0.1:9/notify',
    timeoutMs: 1000,
    now: testClock().now,
    log,
    ...changes,
  });
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
  return { acquirer, lines };
}

let attempts = 0;

/** A fresh payment request for a sandbox test card, keyed as documented. */
export function paymentRequest(pan: string, holder: HolderData = {}): PaymentRequest {
  attempts += 1;
  const kind = findTestCard(pan)?.kind ?? 'debit';
  return {
    orderId: 'ord_5f0c1a2b3c4d5e6f7a8b',
    attemptId: `att_${attempts.toString(16).padStart(20, '0')}-7`,
    amount: 4599,
    currency: 'CNY',
    txnTime: '20260302120000',
    card: kind === 'debit' ? { pan, kind, pin: TEST_PIN } : { pan, kind, cvn2: TEST_CVN2, expiryMmyy: TEST_EXPIRY_MMYY },
    holder,
  };
}
