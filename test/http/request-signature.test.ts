import { expect } from 'chai';
import request from 'supertest';
import { errorOf } from '../helpers/body-of';
import { makeCertificate, signatureHeader, type TestCertificate } from './merchant-certificate';
import { createTestApp, type TestApp } from './test-app';

describe('http/request-signature', function () {
  this.timeout(20_000);
  let t: TestApp;
  let cert: TestCertificate;
  let nowSeconds: number;
  const body = JSON.stringify({ merchantOrderId: 'A1001', amount: 12345 });

  before(() => {
    cert = makeCertificate({ notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') });
  });
  beforeEach(async () => {
    t = await createTestApp();
    await t.merchants.setSigningCertificate(t.a.id, cert.pem);
    nowSeconds = Math.floor(t.deps.now().getTime() / 1000);
  });
  afterEach(() => t.deps.db.destroy());

  const postOrder = (signature: string | undefined, sentBody = body, apiKey = t.a.key) => {
    const req = request(t.app)
      .post('/v1/orders')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'application/json');
    if (signature !== undefined) req.set('X-Signature', signature);
    return req.send(sentBody);
  };

  it('when the request is signed over its raw body, then it is accepted', async () => {
    const res = await postOrder(signatureHeader(cert.privateKey, nowSeconds, 'POST', '/v1/orders', body));
    expect(res.status).to.equal(201);
  });

  it('when a GET is signed over its path and query with an empty body, then it is accepted', async () => {
    const path = '/v1/banks?lang=zh';
    const res = await request(t.app)
      .get(path)
      .set('Authorization', `Bearer ${t.a.key}`)
      .set('X-Signature', signatureHeader(cert.privateKey, nowSeconds, 'GET', path, ''));
    expect(res.status).to.equal(200);
  });

  it('when the signature is missing, malformed, or signed by another key, then 401 signature_invalid', async () => {
    const stranger = makeCertificate({ notBefore: new Date('2026-01-01Z'), notAfter: new Date('2027-01-01Z') });
    for (const header of [
      undefined,
      'garbage',
      `t=${nowSeconds}`,
      signatureHeader(stranger.privateKey, nowSeconds, 'POST', '/v1/orders', body),
    ]) {
      const res = await postOrder(header);
      expect(res.status, String(header)).to.equal(401);
      expect(errorOf(res).code).to.equal('signature_invalid');
    }
    expect(await t.deps.db('orders').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
  });

  it('when one byte of the body, the method or the path differs from what was signed, then 401', async () => {
    const tampered = body.replace('12345', '12346');
    expect((await postOrder(signatureHeader(cert.privateKey, nowSeconds, 'POST', '/v1/orders', body), tampered)).status).to.equal(
      401,
    );
    expect((await postOrder(signatureHeader(cert.privateKey, nowSeconds, 'PUT', '/v1/orders', body))).status).to.equal(401);
    expect((await postOrder(signatureHeader(cert.privateKey, nowSeconds, 'POST', '/v1/orders/x', body))).status).to.equal(401);
  });

  it('when the body is re-serialised with other spacing, then it no longer verifies (the raw bytes are signed)', async () => {
    const spaced = JSON.stringify(JSON.parse(body), null, 2);
    const res = await postOrder(signatureHeader(cert.privateKey, nowSeconds, 'POST', '/v1/orders', body), spaced);
    expect(res.status).to.equal(401);
  });

  it('when the timestamp is 300 s away it is accepted, and at 301 s it is refused, either way', async () => {
    for (const [offset, status] of [
      [-300, 201],
      [300, 201],
      [-301, 401],
      [301, 401],
    ] as const) {
      const orderBody = JSON.stringify({ merchantOrderId: `A${offset}`, amount: 1 });
      const res = await postOrder(
        signatureHeader(cert.privateKey, nowSeconds + offset, 'POST', '/v1/orders', orderBody),
        orderBody,
      );
      expect(res.status, `offset ${offset}`).to.equal(status);
    }
  });

  it('when the certificate has expired, then even a good signature is refused', async () => {
    t.deps.advance(366 * 86_400_000);
    const t2 = Math.floor(t.deps.now().getTime() / 1000);
    const res = await postOrder(signatureHeader(cert.privateKey, t2, 'POST', '/v1/orders', body));
    expect(res.status).to.equal(401);
    expect(errorOf(res).message).to.include('not valid at this time');
  });

  it('when a merchant has no certificate, then unsigned requests still work', async () => {
    expect((await postOrder(undefined, body, t.b.key)).status).to.equal(201);
  });
});
