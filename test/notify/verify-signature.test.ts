import { expect } from 'chai';
import fc from 'fast-check';
import { signatureHeader, signatureV1 } from '../../src/notify/signature-header';
import { verifyIvrpaySignature } from '../../src/notify/verify-signature';

const secret = 'whsec_test_secret_0123456789';
const body = '{"id":"evt_1","type":"order.paid","data":{"amount":500}}';
const t = 1_772_352_000;

describe('notify/verify-signature', () => {
  it('when the header was made by the signer with the same secret, then it verifies', () => {
    expect(verifyIvrpaySignature(body, signatureHeader([secret], t, body), secret, { nowSeconds: t })).to.equal(true);
    expect(verifyIvrpaySignature(Buffer.from(body), signatureHeader([secret], t, body), secret, { nowSeconds: t })).to.equal(
      true,
    );
  });

  it('when the timestamp is 299 s away, then it verifies; at 301 s, then it is rejected (replay or clock off)', () => {
    const header = signatureHeader([secret], t, body);
    expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t + 299 })).to.equal(true);
    expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t - 299 })).to.equal(true);
    expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t + 301 })).to.equal(false);
    expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t - 301 })).to.equal(false);
  });

  it('when an old signature is replayed with a fresh timestamp, then it is rejected', () => {
    const old = signatureV1(secret, t, body);
    const replayed = `t=${t + 3600},v1=${old}`;
    expect(verifyIvrpaySignature(body, replayed, secret, { nowSeconds: t + 3600 })).to.equal(false);
  });

  it('when the body, the secret or the signature is forged, then it is rejected', () => {
    const header = signatureHeader([secret], t, body);
    expect(verifyIvrpaySignature(body.replace('500', '501'), header, secret, { nowSeconds: t })).to.equal(false);
    expect(verifyIvrpaySignature(body, signatureHeader(['whsec_attacker'], t, body), secret, { nowSeconds: t })).to.equal(false);
    expect(verifyIvrpaySignature(body, `t=${t},v1=${'0'.repeat(64)}`, secret, { nowSeconds: t })).to.equal(false);
    expect(verifyIvrpaySignature(body, `t=${t},v1=abc`, secret, { nowSeconds: t })).to.equal(false);
  });

  it('when the header is missing, malformed or has no timestamp, then it is rejected without throwing', () => {
    const v1 = signatureV1(secret, t, body);
    for (const header of [undefined, '', 'garbage', `v1=${v1}`, `t=,v1=${v1}`, `t=abc,v1=${v1}`, `t=${t}`, ['a', 'b']]) {
      expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t }), String(header)).to.equal(false);
    }
    expect(verifyIvrpaySignature(body, signatureHeader([secret], t, body), '', { nowSeconds: t })).to.equal(false);
  });

  it('when the header carries several v1 entries (a rotation), then a match on any one verifies', () => {
    const header = signatureHeader(['whsec_new', secret], t, body);
    expect(header.split(',')).to.have.length(3);
    expect(verifyIvrpaySignature(body, header, secret, { nowSeconds: t })).to.equal(true);
    expect(verifyIvrpaySignature(body, header, 'whsec_new', { nowSeconds: t })).to.equal(true);
    expect(verifyIvrpaySignature(body, header, 'whsec_other', { nowSeconds: t })).to.equal(false);
  });

  it('when any single character of the body changes, then verification fails', () => {
    const header = signatureHeader([secret], t, body);
    fc.assert(
      fc.property(fc.nat({ max: body.length - 1 }), fc.constantFrom('x', '0', ' ', '"'), (i, c) => {
        fc.pre(body[i] !== c);
        const tampered = body.slice(0, i) + c + body.slice(i + 1);
        return !verifyIvrpaySignature(tampered, header, secret, { nowSeconds: t });
      }),
    );
  });
});
