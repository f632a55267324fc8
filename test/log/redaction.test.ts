import { expect } from 'chai';
import fc from 'fast-check';
import { isSensitiveKey, maskPanLike, redactKeys } from '../../src/log/redaction';
import { CREDIT, DEBIT } from '../helpers/test-cards';

describe('log/redaction', () => {
  it('when keys name card or holder data in any case or spelling, then they are sensitive', () => {
    for (const key of [
      'cardNo',
      'PAN',
      'phoneNo',
      'certifId',
      'customerInfo',
      'Authorization',
      'card_number',
      'CVN2',
      'pin-block',
    ])
      expect(isSensitiveKey(key), key).to.equal(true);
    for (const key of ['orderId', 'amount', 'masked', 'status', 'bank']) expect(isSensitiveKey(key), key).to.equal(false);
  });

  it('when a sensitive key stands six levels deep, then its value is replaced and the rest kept', () => {
    const logged = { a: { b: { c: { d: { e: { cardNo: DEBIT, orderId: 'ord_1' } } } } }, list: [{ PAN: CREDIT }] };
    expect(redactKeys(logged)).to.deep.equal({
      a: { b: { c: { d: { e: { cardNo: '[redacted]', orderId: 'ord_1' } } } } },
      list: [{ PAN: '[redacted]' }],
    });
    expect(logged.a.b.c.d.e.cardNo, 'the caller’s object is not changed').to.equal(DEBIT);
  });

  it('when an object is nested deeper than the log ever needs, then it is cut, not walked to the bottom', () => {
    let deep: Record<string, unknown> = { pan: DEBIT };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(JSON.stringify(redactKeys(deep)))
      .to.include('[too deep]')
      .and.not.include(DEBIT);
  });

  it('when a card number stands anywhere in a text, then it is masked to BIN and last 4', () => {
    expect(maskPanLike(`GET /v1/orders/${DEBIT}`)).to.equal('GET /v1/orders/621626*********0018');
    expect(maskPanLike(`card=${CREDIT}&x`)).to.equal('card=622155******0000&x');
    expect(maskPanLike('id 341126197709218366')).to.equal('id 341126********8366');
  });

  it('when a number is no card number (ACP txnTime, a 21-digit serial, an epoch in ms, short numbers), then it is kept', () => {
    for (const text of [
      'txnTime 20261206010203',
      'queryId 202612060102030000001',
      'at 1765000000000',
      'amount 1234567',
      'mobile 13552535506',
    ])
      expect(maskPanLike(text)).to.equal(text);
  });

  it('when digits run inside one of our random ids, then the id is kept whole (it is no card number)', () => {
    for (const id of [
      'ord_3f1234567890123456ab',
      'att_a1234567890123456b-2',
      'att51234567890123456c2',
      'evt_ab12345678901234567c',
    ])
      expect(maskPanLike(`{"orderId":"${id}"}`)).to.equal(`{"orderId":"${id}"}`);
  });

  it('when any 13–19 digit number starting 3–6 or 8–9 is written inside any text, then it never survives', () => {
    const pan = fc
      .tuple(fc.constantFrom('3', '4', '5', '6', '8', '9'), fc.integer({ min: 12, max: 18 }))
      .chain(([first, rest]) => fc.stringMatching(new RegExp(`^\\d{${rest}}$`)).map((digits) => first + digits));
    const text = fc.string({ unit: fc.constantFrom(' ', '/', '=', '"', '中', '-', ':', '_', '.') });
    fc.assert(
      fc.property(text, pan, text, (before, number, after) => {
        expect(maskPanLike(`${before}${number}${after}`)).not.to.include(number);
      }),
    );
  });
});
