import { expect } from 'chai';
import fc from 'fast-check';
import { parsePhoneNumber, PhoneNumberError, requirePhoneNumber, type PhoneNumber } from '../../src/callback/phone-number';
import { AppError } from '../../src/domain/app-error';

const mobile = (national: string): PhoneNumber => ({ kind: 'mobile', national });
const landline = (areaCode: string, local: string): PhoneNumber => ({
  kind: 'landline',
  areaCode,
  local,
  national: areaCode + local,
});

describe('parsePhoneNumber', () => {
  const accepted: Array<[string, PhoneNumber]> = [
    ['13552535506', mobile('13552535506')],
    ['+8613552535506', mobile('13552535506')],
    ['+86 135 5253 5506', mobile('13552535506')],
    ['008613552535506', mobile('13552535506')],
    ['8613552535506', mobile('13552535506')],
    ['013552535506', mobile('13552535506')],
    ['19912345678', mobile('19912345678')],
    ['010-88888888', landline('010', '88888888')],
    ['(021) 6234 5678', landline('021', '62345678')],
    ['+86 21 62345678', landline('021', '62345678')],
    ['+86 (0)21 62345678', landline('021', '62345678')],
    ['0086 755 8888 6666', landline('0755', '88886666')],
    ['0744-8221234', landline('0744', '8221234')],
    ['07448221234', landline('0744', '8221234')],
    ['03798221234', landline('0379', '8221234')],
  ];
  for (const [input, phone] of accepted) {
    it(`when given "${input}", then it is the ${phone.kind} ${phone.national}`, () => {
      expect(parsePhoneNumber(input)).to.deep.equal({ ok: true, phone });
    });
  }

  const international = ['+14155550100', '+852 2123 4567', '00442071234567', '+886 2 2345 6789', '001 415 555 0100'];
  for (const input of international) {
    it(`when given the foreign number "${input}", then it is refused as phone_international`, () => {
      const parsed = parsePhoneNumber(input);
      expect(parsed).to.include({ ok: false, problem: 'phone_international' });
    });
  }

  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'blank'],
    ['1355253550', 'a 10-digit mobile'],
    ['135525355061', 'a 12-digit mobile'],
    ['12552535506', 'a mobile starting 12'],
    ['62345678', 'a local number without area code'],
    ['4008205588', 'a 400 service number'],
    ['95588', 'a short code'],
    ['026 12345678', 'the unassigned area code 026'],
    ['021 123456', 'a 6-digit local number'],
    ['021 123456789', 'a 9-digit local number'],
    ['021 12345678', 'a local number starting with 1'],
    ['021 02345678', 'a local number starting with 0'],
    ['+86', 'a country code alone'],
    ['135-5253-55O6', 'a letter O for a zero'],
    ['1'.repeat(40), 'a 40-character input'],
  ];
  for (const [input, what] of invalid) {
    it(`when given ${what}, then it is refused as phone_invalid`, () => {
      expect(parsePhoneNumber(input)).to.include({ ok: false, problem: 'phone_invalid' });
    });
  }

  it('when a card number is pasted, then it is refused and the message does not echo it', () => {
    const parsed = parsePhoneNumber('6216261000000000018');
    expect(parsed.ok).to.equal(false);
    expect(JSON.stringify(parsed)).not.to.match(/621626|0018|\d{13,}/);
  });

  it('when any mobile is written with any accepted prefix and separators, then it parses back to itself', () => {
    const mobiles = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([d, rest]) => `1${d}${rest}`);
    fc.assert(
      fc.property(
        mobiles,
        fc.constantFrom('', '+86', '+86 ', '0086', '86', '0'),
        fc.constantFrom('', ' ', '-'),
        (m, prefix, sep) => {
          const written = prefix + [m.slice(0, 3), m.slice(3, 7), m.slice(7)].join(sep);
          expect(parsePhoneNumber(written)).to.deep.equal({ ok: true, phone: mobile(m) });
        },
      ),
    );
  });

  it('when given any string, then it returns a result and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(parsePhoneNumber(s)).to.have.property('ok');
      }),
    );
  });
});

describe('requirePhoneNumber', () => {
  it('when the number is valid, then it returns the parsed number', () => {
    expect(requirePhoneNumber('+86 10 88888888')).to.deep.equal(landline('010', '88888888'));
  });

  it('when the number is foreign, then it throws a validation_failed AppError naming the problem and field', () => {
    try {
      requirePhoneNumber('+14155550100');
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(PhoneNumberError).and.instanceOf(AppError);
      const err = e as PhoneNumberError;
      expect(err.code).to.equal('validation_failed');
      expect(err.problem).to.equal('phone_international');
      expect(err.fields).to.have.property('phone').that.is.a('string');
    }
  });
});
