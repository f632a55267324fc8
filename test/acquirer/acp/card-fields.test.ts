import { expect } from 'chai';
import sinon from 'sinon';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { cardFields, consumeCustomerInfo, type CardSecurity } from '../../../src/acquirer/acp/card-fields';
import { pinBlockMatches } from '../../../src/crypto/pin-block';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys, type AcquirerKeys } from './acp-test-keys';
import { CREDIT, DEBIT } from '../../helpers/test-cards';

describe('ACP card fields', function () {
  this.timeout(30000);
  let keys: AcquirerKeys;
  let security: CardSecurity;
  before(async () => {
    keys = acquirerKeys(await fixturePki());
    security = { encryption: keys.encryption, pinProtection: { kind: 'rsa' }, customerInfoMode: 'encrypted' };
  });
  afterEach(() => sinon.restore());

  it('when there is no customerInfo sub-field, then only encryptCertId and the encrypted accNo are sent', () => {
    const fields = cardFields(CREDIT, {}, security);
    expect(Object.keys(fields).sort()).to.deep.equal(['accNo', 'encryptCertId']);
    expect(fields.encryptCertId).to.equal(keys.encryption.certId);
    expect(keys.decrypt(fields.accNo).toString()).to.equal(CREDIT);
  });

  it('when the PAN is not 12 to 19 digits, then acp_field_invalid names accNo without echoing the PAN', () => {
    for (const pan of ['12345678901', '12345678901234567890', `${DEBIT}x`]) {
      expect(() => cardFields(pan, {}, security), pan)
        .to.throw(AcpError, /accNo/)
        .with.property('code', 'acp_field_invalid');
      expect(() => cardFields(pan, {}, security))
        .to.throw(AcpError)
        .that.satisfies((e: Error) => !e.message.includes(pan));
    }
  });

  it('when nothing but the PAN was collected, then customerInfo has no sub-fields at all (not even undefined ones)', () => {
    expect(consumeCustomerInfo({ pan: DEBIT, kind: 'debit' }, {}, security)).to.deep.equal({});
  });

  it('when each item was collected alone, then exactly its sub-fields are set', () => {
    const card = { pan: CREDIT, kind: 'credit' as const };
    expect(consumeCustomerInfo(card, { idNumber: '341126197709218366' }, security)).to.deep.equal({
      certifTp: '01',
      certifId: '341126197709218366',
    });
    expect(consumeCustomerInfo(card, { name: '全渠道' }, security)).to.deep.equal({ customerNm: '全渠道' });
    expect(consumeCustomerInfo(card, { mobile: '13552535506' }, security)).to.deep.equal({ phoneNo: '13552535506' });
    expect(consumeCustomerInfo(card, { smsCode: '111111' }, security)).to.deep.equal({ smsCode: '111111' });
    expect(consumeCustomerInfo({ ...card, cvn2: '123' }, {}, security)).to.deep.equal({ cvn2: '123' });
    expect(consumeCustomerInfo({ ...card, expiryMmyy: '1230' }, {}, security)).to.deep.equal({ expired: '3012' });
    const withPin = consumeCustomerInfo({ pan: DEBIT, kind: 'debit', pin: '123456' }, {}, security);
    expect(Object.keys(withPin)).to.deep.equal(['pin']);
    expect(pinBlockMatches(keys.decrypt(withPin.pin ?? ''), Buffer.from(DEBIT), Buffer.from('123456'))).to.equal(true);
  });

  it('when the PIN is encrypted, then the clear PAN and PIN bytes made for it are zeroed afterwards', () => {
    const from = sinon.spy(Buffer, 'from');
    consumeCustomerInfo({ pan: DEBIT, kind: 'debit', pin: '123456' }, {}, security);
    from.restore();
    const made = from
      .getCalls()
      .filter((call) => call.args[0] === DEBIT || call.args[0] === '123456')
      .map((call) => call.returnValue);
    expect(made).to.have.length(2);
    for (const buf of made) expect([...buf]).to.deep.equal(new Array<number>(buf.length).fill(0));
  });
});
