import http from 'node:http';
import { createPrivateKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createAcpClient } from '../../../src/acquirer/acp/acp-client';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { verifyFields } from '../../../src/acquirer/acp/sign-string';
import { certIdOf } from '../../../src/crypto/certificates';
import type { TestPki } from '../../../src/crypto/test-pki';
import { fixturePki } from '../../crypto/pki-fixture';
import { testClock } from '../acp-harness';
import { fakeTrust, startFakeAcp, type FakeAcp } from './fake-acp-server';

const REQUEST: AcpFields = {
  merId: '777290058110097',
  orderId: 'att0000000000000000001',
  txnTime: '20260302120000',
  txnType: '01',
  txnAmt: '100',
};

describe('createAcpClient', function () {
  this.timeout(20_000);
  let pki: TestPki;
  let fake: FakeAcp;
  before(async () => {
    pki = await fixturePki();
    fake = await startFakeAcp(pki);
  });
  after(() => fake.close());

  const client = () =>
    createAcpClient({
      signingKey: createPrivateKey(pki.merchantSigning.keyPem),
      signingCertId: certIdOf(pki.merchantSigning.certPem),
      trust: fakeTrust(pki),
      timeoutMs: 1000,
      now: testClock().now,
    });
  const exchange = (fields: AcpFields = REQUEST) => client().exchange(fake.endpoints.backTrans, fields);

  it('when a signed answer about the same order comes back, then it is the answer, and what we sent was signed with our key', async () => {
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00', queryId: 'q1' }));
    const sent = await exchange();
    expect(sent.kind).to.equal('answer');
    expect(sent.kind === 'answer' && sent.fields).to.include({ orderId: REQUEST.orderId, respCode: '00', queryId: 'q1' });
    const request = fake.requests.at(-1)!.fields;
    expect(request).to.include({ ...REQUEST, certId: certIdOf(pki.merchantSigning.certPem) });
    expect(verifyFields(request, pki.merchantSigning.certPem)).to.equal(true);
  });

  it('when the acquirer answers other than HTTP 200, then the answer is untrusted, naming the status', async () => {
    fake.reply = () => ({ status: 500, body: 'respCode=00' });
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'HTTP 500' });
  });

  it('when the body is not an ACP message (an HTML error page), then it is untrusted', async () => {
    fake.reply = () => ({ status: 200, body: '<html>busy</html>' });
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'not an ACP message' });
  });

  it('when the answer is unsigned, then it is untrusted with the verification verdict', async () => {
    fake.reply = () => ({ status: 200, body: 'respCode=00&orderId=att0000000000000000001' });
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'no_certificate' });
  });

  it('when a signed answer names another order or transaction type, then it is untrusted, naming the field', async () => {
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00', orderId: 'att0000000000000000999' }));
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'answer names another orderId' });
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00', txnType: '04' }));
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'answer names another txnType' });
  });

  it('when the request had no orderId (a key exchange), then the answer need not echo one', async () => {
    const { orderId: _none, ...noOrder } = REQUEST;
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00', orderId: 'att0000000000000000999' }));
    expect(await exchange(noOrder)).to.include({ kind: 'answer' });
  });

  it('when a signed answer about our order has no respCode, then it is untrusted', async () => {
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { queryId: 'q1' }));
    expect(await exchange()).to.deep.equal({ kind: 'untrusted', why: 'no respCode' });
  });

  it('when nothing listens, then not_sent comes through as it is', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await client().exchange(`http://127.0.0.1:${port}/x`, REQUEST)).to.deep.equal({
      kind: 'not_sent',
      error: 'ECONNREFUSED',
    });
  });
});
