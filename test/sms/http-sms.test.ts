import { expect } from 'chai';
import pino from 'pino';
import { verifyIvrpaySignature } from '../../src/notify/verify-signature';
import { createHttpSms, type HttpSmsDeps } from '../../src/sms/http-sms';
import { SmsSendError } from '../../src/sms/sms-port';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function fakeFetch(answers: Array<Response | Error>, sent: Sent[]): typeof fetch {
  return ((url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string>, body: init.body as string });
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no more answers'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }) as typeof fetch;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const NOW = new Date('2026-03-01T08:00:00Z');

describe('sms/http-sms', () => {
  let sent: Sent[];
  let slept: number[];
  const gateway = (answers: Array<Response | Error>, extra: Partial<HttpSmsDeps> = {}) =>
    createHttpSms({
      url: 'https://sms.example/send',
      timeoutMs: 1000,
      retries: 2,
      log: pino({ level: 'silent' }),
      now: () => NOW,
      fetch: fakeFetch(answers, sent),
      sleep: (ms) => Promise.resolve(void slept.push(ms)),
      random: () => 0.5,
      ...extra,
    });
  const message = { to: '13552535506', text: '【ivrpay】您好', reference: 'sms_1' };

  beforeEach(() => {
    sent = [];
    slept = [];
  });

  it('when the gateway accepts, then the provider id comes back and the request is authenticated and signed', async () => {
    const sms = gateway([json(200, { id: 'g-77', status: 'accepted' })], {
      user: 'shop',
      password: 'pw',
      signingSecret: 'a-signing-secret-0123',
    });
    expect(await sms.send(message)).to.deep.equal({ providerId: 'g-77' });

    expect(sent).to.have.length(1);
    const [{ url, headers, body }] = sent;
    expect(url).to.equal('https://sms.example/send');
    expect(JSON.parse(body)).to.deep.equal({ to: '13552535506', text: '【ivrpay】您好', reference: 'sms_1' });
    expect(headers.Authorization).to.equal(`Basic ${Buffer.from('shop:pw').toString('base64')}`);
    expect(headers['Idempotency-Key']).to.equal('sms_1');
    const nowSeconds = NOW.getTime() / 1000;
    expect(verifyIvrpaySignature(body, headers['Ivrpay-Signature'], 'a-signing-secret-0123', { nowSeconds })).to.equal(true);
    expect(verifyIvrpaySignature(body, headers['Ivrpay-Signature'], 'another-secret-000000', { nowSeconds })).to.equal(false);
  });

  it('when a token is set, then it is sent as Bearer; without a secret no signature header goes', async () => {
    await gateway([json(200, { messageId: 5 })], { token: 'tok', user: 'ignored' }).send(message);
    expect(sent[0].headers.Authorization).to.equal('Bearer tok');
    expect(sent[0].headers).not.to.have.property('Ivrpay-Signature');
  });

  it('when the gateway fails twice with 503 and a timeout, then it is tried again with backoff and succeeds', async () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const receipt = await gateway([json(503, {}), timeout, json(200, { id: 'g-1' })]).send(message);
    expect(receipt.providerId).to.equal('g-1');
    expect(sent).to.have.length(3);
    expect(slept).to.deep.equal([500, 1000]);
  });

  it('when every try fails temporarily, then a retryable SmsSendError says why', async () => {
    const error = await gateway([json(502, {}), json(429, { error: 'slow down' }), json(500, {})])
      .send(message)
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SmsSendError);
    expect(error).to.include({ permanent: false, message: 'SMS gateway: HTTP 500' });
  });

  it('when the gateway refuses (4xx, or a 2xx with status failed), then a permanent error comes at once', async () => {
    const bad = await gateway([json(400, { error: 'bad number 13552535506' })])
      .send(message)
      .catch((e: unknown) => e);
    expect(bad).to.include({ permanent: true, message: 'SMS gateway: HTTP 400: bad number 13552535506' });
    const refused = await gateway([json(200, { status: 'REJECTED', reason: 'content blocked' })])
      .send(message)
      .catch((e: unknown) => e);
    expect(refused).to.include({ permanent: true, message: 'SMS gateway: refused: content blocked' });
    expect(sent).to.have.length(2);
  });

  it('when the gateway echoes a long digit run, then it is cut from the error', async () => {
    const error = await gateway([json(422, { message: 'rejected 6216261000000000018' })])
      .send(message)
      .catch((e: unknown) => e);
    expect((error as Error).message).to.equal('SMS gateway: HTTP 422: rejected …');
  });
});
