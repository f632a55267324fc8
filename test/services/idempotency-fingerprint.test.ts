import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson, requestFingerprint } from '../../src/services/idempotency-fingerprint';

describe('services/idempotency-fingerprint', () => {
  it('when keys are in another order or nested, then the canonical JSON is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'x' } })).to.equal(
      '{"a":{"c":"x","d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it('when any object is shuffled, then its fingerprint does not change', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(requestFingerprint('POST', '/v1/orders', reversed)).to.equal(requestFingerprint('POST', '/v1/orders', obj));
      }),
    );
  });

  it('when method, path or a value differs, then the fingerprint differs', () => {
    const base = requestFingerprint('POST', '/v1/orders', { amount: 1 });
    expect(base).to.match(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/v1/orders', { amount: 2 })).not.to.equal(base);
    expect(requestFingerprint('POST', '/v1/orders/x/cancel', { amount: 1 })).not.to.equal(base);
    expect(requestFingerprint('PUT', '/v1/orders', { amount: 1 })).not.to.equal(base);
    expect(requestFingerprint('POST', '/v1/orders', { amount: '1' })).not.to.equal(base);
  });

  it('when there is no body, then it fingerprints like an empty object', () => {
    expect(requestFingerprint('POST', '/p', undefined)).to.equal(requestFingerprint('POST', '/p', {}));
  });

  it('when any JSON value is written, then it reads back as the same value and equals the plain recursive writing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(value)));
        expect(text).to.equal(recursiveCanonicalJson(value));
      }),
    );
  });

  it('when a body is nested 100,000 deep, then it is fingerprinted without overflowing the stack (issue 17, defect 2)', () => {
    const depth = 100_000;
    const nested = JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    expect(canonicalJson(nested)).to.equal('['.repeat(depth) + ']'.repeat(depth));
    const objects = JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown;
    expect(requestFingerprint('POST', '/v1/orders', objects)).to.match(/^[0-9a-f]{64}$/);
  });
});

/** The plain recursive writing canonicalJson replaced (it overflows on deep bodies): the oracle for shallow ones. */
function recursiveCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursiveCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
