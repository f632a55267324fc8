import { expect } from 'chai';
import fc from 'fast-check';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { buildCustomerInfo, mmyyToYymm, parseCustomerInfo } from '../../../src/acquirer/acp/customer-info';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys, type AcquirerKeys } from './acp-test-keys';

const HOLDER = {
  certifTp: '01',
  certifId: '341126197709218366',
  customerNm: '全渠道',
  phoneNo: '13552535506',
  smsCode: '111111',
};

describe('customerInfo', function () {
  this.timeout(30000);
  let keys: AcquirerKeys;
  before(async () => {
    keys = acquirerKeys(await fixturePki());
  });

  const clearText = (value: string) => Buffer.from(value, 'base64').toString('utf8');
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('when built in encrypted mode, then phone, CVN2 and expiry are only inside encryptedInfo and the sandbox recovers them', () => {
    const value = buildCustomerInfo({ ...HOLDER, cvn2: '123', expired: '3012' }, 'encrypted', keys.encryption);
    const text = clearText(value);
    expect(text).to.match(
      /^\{certifId=341126197709218366&certifTp=01&customerNm=全渠道&encryptedInfo=[A-Za-z0-9+/=]+&smsCode=111111\}$/,
    );
    for (const secret of ['13552535506', 'cvn2', '123&', '3012']) expect(text).not.to.include(secret);
    expect(parseCustomerInfo(value, keys.decrypt)).to.deep.equal({ ...HOLDER, cvn2: '123', expired: '3012' });
  });

  it('when the sandbox parses without a decrypter, then encryptedInfo stays sealed', () => {
    const value = buildCustomerInfo({ phoneNo: '13552535506' }, 'encrypted', keys.encryption);
    const parsed = parseCustomerInfo(value);
    expect(Object.keys(parsed)).to.deep.equal(['encryptedInfo']);
  });

  it('when built in plain mode, then every sub-field is in the clear in sorted k=v form', () => {
    const value = buildCustomerInfo({ phoneNo: '13552535506', cvn2: '123', expired: '3012' }, 'plain', keys.encryption);
    expect(clearText(value)).to.equal('{cvn2=123&expired=3012&phoneNo=13552535506}');
    expect(parseCustomerInfo(value)).to.deep.equal({ phoneNo: '13552535506', cvn2: '123', expired: '3012' });
  });

  it('when an encrypted PIN (base64 with = and +) is included, then it is carried unchanged', () => {
    const pin = 'ab+/cd==';
    expect(parseCustomerInfo(buildCustomerInfo({ pin }, 'encrypted', keys.encryption)).pin).to.equal(pin);
  });

  it('when any sub-field values without &, { or } are built and parsed, then they come back', () => {
    const value = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((v) => !/[&{}]/.test(v));
    fc.assert(
      fc.property(fc.record({ customerNm: value, certifId: value, phoneNo: value }), (info) => {
        expect(parseCustomerInfo(buildCustomerInfo(info, 'encrypted', keys.encryption), keys.decrypt)).to.deep.equal(info);
      }),
      { numRuns: 25 },
    );
  });

  it('when a value contains & or braces, then building is refused without echoing it', () => {
    expect(() => buildCustomerInfo({ customerNm: 'a&b' }, 'plain', keys.encryption))
      .to.throw(AcpError)
      .that.satisfies((e: Error) => !e.message.includes('a&b'));
  });

  it('when a sub-field is empty, then it is left out rather than sent as k=', () => {
    expect(clearText(buildCustomerInfo({ customerNm: '', certifId: '1' }, 'plain', keys.encryption))).to.equal('{certifId=1}');
  });

  it('when a value holds a brace, then the error is acp_field_invalid and names the sub-field', () => {
    expect(() => buildCustomerInfo({ certifId: '1}' }, 'plain', keys.encryption))
      .to.throw(AcpError, /certifId/)
      .with.property('code', 'acp_field_invalid');
  });

  it('when the braces are missing at either end, then parsing is refused even where the inside would parse', () => {
    for (const text of ['phoneNo=1', 'xphoneNo=1x', '{phoneNo=12', 'phoneNo=12}', 'xphoneNo=1}']) {
      expect(() => parseCustomerInfo(b64(text)), text)
        .to.throw(AcpError, /customerInfo/)
        .with.property('code', 'acp_malformed');
    }
  });

  it('when the value is {} (no sub-fields), then it parses to nothing', () => {
    expect(parseCustomerInfo(b64('{}'))).to.deep.equal({});
  });

  it('when a sub-field is unknown, repeated or both clear and sealed, then the error is acp_malformed and names what is wrong', () => {
    expect(() => parseCustomerInfo(b64('{evil=1}')))
      .to.throw(AcpError, /sub-field/)
      .with.property('code', 'acp_malformed');
    expect(() => parseCustomerInfo(b64('{cvn2=1&cvn2=2}')))
      .to.throw(AcpError, /cvn2/)
      .with.property('code', 'acp_malformed');
    const sealed = parseCustomerInfo(buildCustomerInfo({ cvn2: '123' }, 'encrypted', keys.encryption)).encryptedInfo;
    expect(() => parseCustomerInfo(b64(`{cvn2=999&encryptedInfo=${sealed}}`), keys.decrypt))
      .to.throw(AcpError, /cvn2/)
      .with.property('code', 'acp_malformed');
  });

  it('when the card shows MMYY 1230, then ACP expired is YYMM 3012', () => {
    expect(mmyyToYymm('1230')).to.equal('3012');
    expect(() => mmyyToYymm('12/30'))
      .to.throw(AcpError, /expiry/)
      .with.property('code', 'acp_field_invalid');
  });

  it('when the expiry is 4 digits with something before or after them (01228, 1228x, x1228), then it throws', () => {
    for (const keyed of ['01228', '1228x', 'x1228', '12280']) expect(() => mmyyToYymm(keyed), keyed).to.throw(AcpError);
  });
});
