import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import type { CardSecurity } from '../../../src/acquirer/acp/card-fields';
import { parseCustomerInfo } from '../../../src/acquirer/acp/customer-info';
import {
  buildCancel,
  buildConsume,
  buildQuery,
  buildRefund,
  buildSmsCodeRequest,
  type ConsumeInput,
} from '../../../src/acquirer/acp/messages';
import { signFields, verifyFields } from '../../../src/acquirer/acp/sign-string';
import { certIdOf } from '../../../src/crypto/certificates';
import { pinBlockMatches } from '../../../src/crypto/pin-block';
import type { TestPki } from '../../../src/crypto/test-pki';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys, type AcquirerKeys } from './acp-test-keys';
import { CREDIT, DEBIT } from '../../helpers/test-cards';

const MERCHANT = { merId: '777290058110097', backUrl: 'https://ivrpay.example/acp/notify' };
const REF = { orderId: 'ord5f0c1a2b3c4d5e6f7a8b001', txnTime: '20260301120000' };
const HOLDER = { idNumber: '341126197709218366', mobile: '13552535506', name: '全渠道' };
const COMMON = { version: '5.1.0', encoding: 'UTF-8', signMethod: '01', accessType: '0', merId: MERCHANT.merId };

describe('ACP messages', function () {
  this.timeout(30000);
  let pki: TestPki;
  let keys: AcquirerKeys;
  let security: CardSecurity;
  before(async () => {
    pki = await fixturePki();
    keys = acquirerKeys(pki);
    security = { encryption: keys.encryption, pinProtection: { kind: 'rsa' }, customerInfoMode: 'encrypted' };
  });

  const credit = (): ConsumeInput => ({
    ...REF,
    amountFen: 12345,
    card: { pan: CREDIT, kind: 'credit', cvn2: '123', expiryMmyy: '1230' },
    holder: HOLDER,
    reqReserved: 'att_1f2e',
  });

  it('when a credit consume is built, then it has the 无跳转 consume fields and the card data only encrypted', () => {
    const fields = buildConsume(MERCHANT, credit(), security);
    expect(fields).to.include({
      ...COMMON,
      txnType: '01',
      txnSubType: '01',
      bizType: '000301',
      channelType: '07',
      currencyCode: '156',
      accType: '01',
      txnAmt: '12345',
      orderId: REF.orderId,
      txnTime: REF.txnTime,
      backUrl: MERCHANT.backUrl,
      encryptCertId: certIdOf(pki.acquirerEncryption.certPem),
      reqReserved: 'att_1f2e',
    });
    expect(Object.keys(fields).sort()).to.deep.equal(
      [
        ...Object.keys(COMMON),
        'txnType',
        'txnSubType',
        'bizType',
        'channelType',
        'currencyCode',
        'accType',
        'txnAmt',
        'orderId',
        'txnTime',
        'backUrl',
        'encryptCertId',
        'accNo',
        'customerInfo',
        'reqReserved',
      ].sort(),
    );
    expect(JSON.stringify(fields)).not.to.include(CREDIT).and.not.to.include(HOLDER.mobile);
    expect(keys.decrypt(fields.accNo).toString()).to.equal(CREDIT);
    expect(parseCustomerInfo(fields.customerInfo, keys.decrypt)).to.deep.equal({
      certifTp: '01',
      certifId: HOLDER.idNumber,
      customerNm: HOLDER.name,
      phoneNo: HOLDER.mobile,
      cvn2: '123',
      expired: '3012',
    });
  });

  it('when a debit consume with PIN and SMS code is built, then customerInfo carries an encrypted PIN block for that card', () => {
    const input: ConsumeInput = {
      ...REF,
      amountFen: 100,
      card: { pan: DEBIT, kind: 'debit', pin: '123456' },
      holder: { ...HOLDER, smsCode: '111111' },
    };
    const info = parseCustomerInfo(buildConsume(MERCHANT, input, security).customerInfo, keys.decrypt);
    expect(info.smsCode).to.equal('111111');
    expect(info).not.to.have.property('cvn2');
    expect(pinBlockMatches(keys.decrypt(info.pin ?? ''), Buffer.from(DEBIT), Buffer.from('123456'))).to.equal(true);
  });

  it('when a consume is signed with the merchant key, then it verifies with the merchant certificate', () => {
    const signed = signFields(
      buildConsume(MERCHANT, credit(), security),
      createPrivateKey(pki.merchantSigning.keyPem),
      certIdOf(pki.merchantSigning.certPem),
    );
    expect(verifyFields(signed, pki.merchantSigning.certPem)).to.equal(true);
  });

  it('when an SMS code is requested, then it is txnType 77/02 with the same order, amount, card and the mobile encrypted', () => {
    const fields = buildSmsCodeRequest(MERCHANT, { ...REF, amountFen: 100, pan: DEBIT, mobile: HOLDER.mobile }, security);
    expect(fields).to.include({
      ...COMMON,
      txnType: '77',
      txnSubType: '02',
      bizType: '000301',
      txnAmt: '100',
      ...REF,
      channelType: '07',
      currencyCode: '156',
      accType: '01',
    });
    expect(keys.decrypt(fields.accNo).toString()).to.equal(DEBIT);
    expect(parseCustomerInfo(fields.customerInfo, keys.decrypt)).to.deep.equal({ phoneNo: HOLDER.mobile });
  });

  it('when a query is built, then it is exactly the query fields for (orderId, txnTime)', () => {
    expect(buildQuery(MERCHANT, REF)).to.deep.equal({ ...COMMON, txnType: '00', txnSubType: '00', bizType: '000000', ...REF });
  });

  it('when a cancel or a refund is built, then it names the original by queryId', () => {
    const input = {
      orderId: 'ord5f0c1a2b3c4d5e6f7a8bC01',
      txnTime: '20260301130000',
      amountFen: 100,
      origQryId: '201603011200001234567',
    };
    const expected = {
      ...COMMON,
      txnSubType: '00',
      bizType: '000301',
      channelType: '07',
      backUrl: MERCHANT.backUrl,
      orderId: input.orderId,
      txnTime: input.txnTime,
      txnAmt: '100',
      origQryId: input.origQryId,
    };
    expect(buildCancel(MERCHANT, input)).to.deep.equal({ ...expected, txnType: '31' });
    expect(buildRefund(MERCHANT, input)).to.deep.equal({ ...expected, txnType: '04' });
  });

  it('when an input breaks an ACP rule, then building is refused with an AcpError that does not echo card data', () => {
    const bad: Array<() => unknown> = [
      () => buildQuery(MERCHANT, { ...REF, orderId: 'ord_5f0c1a2b' }),
      () => buildQuery(MERCHANT, { ...REF, txnTime: '2026-03-01 12:00' }),
      () => buildQuery({ ...MERCHANT, merId: '12345' }, REF),
      () => buildConsume(MERCHANT, { ...credit(), amountFen: 0 }, security),
      () => buildConsume(MERCHANT, { ...credit(), amountFen: 1.5 }, security),
      () => buildConsume(MERCHANT, { ...credit(), reqReserved: 'a&b' }, security),
      () => buildConsume(MERCHANT, { ...credit(), card: { pan: `${CREDIT}x`, kind: 'credit' } }, security),
      () => buildCancel(MERCHANT, { ...REF, amountFen: 1, origQryId: 'x&y' }),
    ];
    for (const build of bad) {
      expect(build)
        .to.throw(AcpError)
        .that.satisfies((e: Error) => !e.message.includes(CREDIT));
    }
  });
});
