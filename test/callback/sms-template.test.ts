import { expect } from 'chai';
import fc from 'fast-check';
import { smsReminder, smsSegments, type SmsReminderInput } from '../../src/callback/sms-template';
import { AppError } from '../../src/domain/app-error';

const base: SmsReminderInput = { merchantName: '某商户', amountFen: 12345, payCode: '583920', inboundNumber: '4008205588' };

describe('smsReminder', () => {
  it('when given a merchant, amount, pay code and inbound number, then the Mandarin reminder is one SMS', () => {
    expect(smsReminder(base)).to.deep.equal({
      text: '【ivrpay】您在某商户的订单待支付123.45元，请拨打4008205588并输入支付码583920完成支付。',
      segments: 1,
    });
  });

  const amounts: Array<[number, string]> = [
    [1, '0.01'],
    [10, '0.10'],
    [100, '1.00'],
    [123456789, '1234567.89'],
  ];
  for (const [fen, yuan] of amounts) {
    it(`when the amount is ${fen} fen, then it reads ${yuan}元`, () => {
      expect(smsReminder({ ...base, amountFen: fen }).text).to.include(`待支付${yuan}元`);
    });
  }

  it('when a signature is given, then it replaces ivrpay; brackets inside names are removed', () => {
    const { text } = smsReminder({ ...base, signature: '某支付', merchantName: '【银行】旗舰店' });
    expect(text).to.match(/^【某支付】您在银行旗舰店的订单/);
  });

  it('when a long merchant name pushes the text past 70 characters, then it counts as two SMS', () => {
    const { text, segments } = smsReminder({ ...base, merchantName: '商'.repeat(40) });
    expect(text.length).to.be.greaterThan(70);
    expect(segments).to.equal(2);
  });

  const cardLike: Array<[string, Partial<SmsReminderInput>]> = [
    ['the merchant name holds a card number', { merchantName: '店6216261000000000018' }],
    ['the merchant name holds a spaced card number', { merchantName: '店 6216 2610 0000 0000 018' }],
    ['the merchant name holds a hyphenated card number', { merchantName: '店6221-5588-1234-0000' }],
    ['the signature holds a card number', { signature: '6221558812340000' }],
  ];
  for (const [what, change] of cardLike) {
    it(`when ${what}, then it is refused and the error shows no digits`, () => {
      try {
        smsReminder({ ...base, ...change });
        expect.fail('should have thrown');
      } catch (e) {
        expect(e).to.be.instanceOf(AppError).with.property('code', 'validation_failed');
        expect(JSON.stringify({ m: (e as AppError).message, f: (e as AppError).fields })).not.to.match(/\d{4,}/);
      }
    });
  }

  it('when any 13-19 digit run sits in the merchant name, then it is refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13,19}$/), fc.string({ maxLength: 5 }), (digits, around) => {
        expect(() => smsReminder({ ...base, merchantName: `店${around}${digits}` })).to.throw(AppError);
      }),
    );
  });

  it('when the inbound number is a 12-digit landline, then it is accepted', () => {
    expect(smsReminder({ ...base, inboundNumber: '075588886666' }).text).to.include('请拨打075588886666并');
  });

  const invalid: Array<[string, Partial<SmsReminderInput>]> = [
    ['a zero amount', { amountFen: 0 }],
    ['a fractional amount', { amountFen: 1.5 }],
    ['a pay code with letters', { payCode: '58392A' }],
    ['a 3-digit pay code', { payCode: '583' }],
    ['an empty merchant name', { merchantName: '  ' }],
    ['an inbound number with +86', { inboundNumber: '+864008205588' }],
    ['an empty inbound number', { inboundNumber: '' }],
  ];
  for (const [what, change] of invalid) {
    it(`when given ${what}, then it is refused with validation_failed`, () => {
      expect(() => smsReminder({ ...base, ...change }))
        .to.throw(AppError)
        .with.property('code', 'validation_failed');
    });
  }
});

describe('smsSegments', () => {
  it('when the text fits 70 characters, then it is one SMS; longer texts go in parts of 67', () => {
    expect([1, 70, 71, 134, 135].map((n) => smsSegments('字'.repeat(n)))).to.deep.equal([1, 1, 2, 2, 3]);
  });

  it('when the text has a character outside the BMP, then it counts as two', () => {
    expect(smsSegments('字'.repeat(69) + '😀')).to.equal(2);
  });
});
