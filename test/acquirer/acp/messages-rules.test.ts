import { expect } from 'chai';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import type { CardSecurity } from '../../../src/acquirer/acp/card-fields';
import { buildCancel, buildConsume, buildQuery, type ConsumeInput } from '../../../src/acquirer/acp/messages';
import { fixturePki } from '../../crypto/pki-fixture';
import { acquirerKeys } from './acp-test-keys';
import { CREDIT } from '../../helpers/test-cards';

const MERCHANT = { merId: '777290058110097', backUrl: 'https://ivrpay.example/acp/notify' };
const REF = { orderId: 'ord5f0c1a2b3c4d5e6f7a8b001', txnTime: '20260301120000' };

/** Which rule refused a message, by the stable code and the field the message names. */
describe('ACP messages: the rules each field is held to', function () {
  this.timeout(30000);
  let security: CardSecurity;
  before(async () => {
    security = {
      encryption: acquirerKeys(await fixturePki()).encryption,
      pinProtection: { kind: 'rsa' },
      customerInfoMode: 'encrypted',
    };
  });

  const consume = (over: Partial<ConsumeInput> = {}): ConsumeInput => ({
    ...REF,
    amountFen: 100,
    card: { pan: CREDIT, kind: 'credit', cvn2: '123', expiryMmyy: '1230' },
    holder: {},
    ...over,
  });

  it('when no reqReserved is given, then the consume has no reqReserved field at all', () => {
    expect(Object.keys(buildConsume(MERCHANT, consume(), security))).not.to.include('reqReserved');
  });

  it('when merId is not exactly 15 digits, then acp_field_invalid names merId', () => {
    for (const merId of ['7772900581100971', 'x777290058110097', '77729005811009']) {
      expect(() => buildQuery({ ...MERCHANT, merId }, REF), merId)
        .to.throw(AcpError, /merId/)
        .with.property('code', 'acp_field_invalid');
    }
  });

  it('when orderId is not 8–32 letters and digits, then acp_order_id_invalid names orderId', () => {
    expect(() => buildQuery(MERCHANT, { ...REF, orderId: 'ord_5f0c1a2b' }))
      .to.throw(AcpError, /orderId/)
      .with.property('code', 'acp_order_id_invalid');
  });

  it('when the amount is not a positive whole number of fen, then acp_field_invalid names txnAmt', () => {
    for (const amountFen of [0, -1, 1.5]) {
      expect(() => buildConsume(MERCHANT, consume({ amountFen }), security), String(amountFen))
        .to.throw(AcpError, /txnAmt/)
        .with.property('code', 'acp_field_invalid');
    }
  });

  it('when reqReserved has characters needing escaping, then acp_field_invalid names reqReserved', () => {
    expect(() => buildConsume(MERCHANT, consume({ reqReserved: 'a&b' }), security))
      .to.throw(AcpError, /reqReserved/)
      .with.property('code', 'acp_field_invalid');
  });

  it('when origQryId is not a queryId, then acp_field_invalid names origQryId', () => {
    expect(() => buildCancel(MERCHANT, { ...REF, amountFen: 1, origQryId: 'x&y' }))
      .to.throw(AcpError, /origQryId/)
      .with.property('code', 'acp_field_invalid');
  });
});
