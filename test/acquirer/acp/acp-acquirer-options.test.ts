import { expect } from 'chai';
import { parseCustomerInfo } from '../../../src/acquirer/acp/customer-info';
import { pinBlockMatches } from '../../../src/crypto/pin-block';
import { tdesDecryptEcb } from '../../../src/crypto/triple-des';
import type { TestPki } from '../../../src/crypto/test-pki';
import { TEST_HOLDER, TEST_PIN } from '../../../sandbox-acquirer/test-cards';
import { fixturePki } from '../../crypto/pki-fixture';
import { CREDIT, DEBIT } from '../../helpers/test-cards';
import { fakeAcquirer, paymentRequest, startFakeAcp, type FakeAcp } from './fake-acp-server';

const ZONE_PIN_KEY = Buffer.from('0123456789abcdeffedcba987654321089abcdef01234567', 'hex');

/** The customerInfo sub-field names (not values) of the last request to `path`. */
function customerInfoKeys(fake: FakeAcp, path: string): string[] {
  const info = fake.to(path).at(-1)?.customerInfo;
  return info === undefined ? [] : Object.keys(parseCustomerInfo(info)).sort();
}

describe('createAcpAcquirer options', function () {
  this.timeout(20_000);
  let pki: TestPki;
  let fake: FakeAcp;
  before(async () => {
    pki = await fixturePki();
    fake = await startFakeAcp(pki);
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00' }));
  });
  after(() => fake.close());

  it('when pinMode is tdea with neither a zone PIN key nor an endpoint to exchange one, then the adapter is refused at start', () => {
    expect(() => fakeAcquirer(pki, fake, { pinMode: 'tdea' })).to.throw(/zonePinKey/);
    expect(() => fakeAcquirer(pki, fake, { pinMode: 'tdea', zonePinKey: ZONE_PIN_KEY })).not.to.throw();
    expect(() => fakeAcquirer(pki, fake, { pinMode: 'rsa' })).not.to.throw();
  });

  it('when pinMode is tdea with a zone PIN key agreed out of band, then the PIN block goes under that key and no exchange is made', async () => {
    const { acquirer } = fakeAcquirer(pki, fake, { pinMode: 'tdea', zonePinKey: ZONE_PIN_KEY });
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.include({ outcome: 'pending', responseCode: '00' });
    const [consume] = fake.to('/backTransReq.do');
    const { pin } = parseCustomerInfo(consume.customerInfo);
    const block = tdesDecryptEcb(ZONE_PIN_KEY, Buffer.from(pin!, 'base64'));
    expect(pinBlockMatches(block, Buffer.from(DEBIT), Buffer.from(TEST_PIN))).to.equal(true);
    expect(fake.requests.map((r) => r.path)).to.deep.equal(['/backTransReq.do']);
  });

  it('when pinMode is tdea without a key, then one is exchanged at the first payment and kept for the next', async () => {
    const { acquirer } = fakeAcquirer(pki, fake, { pinMode: 'tdea', endpoints: fake.endpoints });
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.include({ outcome: 'pending' });
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.include({ outcome: 'pending' });
    expect(fake.requests.map((r) => r.path)).to.deep.equal(['/zonePinKey.do', '/backTransReq.do', '/backTransReq.do']);
  });

  it('when the zone PIN key exchange fails, then that consume is not sent, and the next payment tries the exchange again', async () => {
    const { acquirer } = fakeAcquirer(pki, fake, { pinMode: 'tdea', endpoints: fake.endpoints });
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '06' }));
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.deep.equal({ outcome: 'unavailable' });
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode: '00' }));
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.include({ outcome: 'pending', responseCode: '00' });
    expect(fake.requests.map((r) => r.path)).to.deep.equal(['/zonePinKey.do', '/zonePinKey.do', '/backTransReq.do']);
  });

  it("when no customerInfoMode is set, then mobile, CVN2 and expiry travel encrypted (UnionPay's current rules), for a consume and an SMS request", async () => {
    const { acquirer } = fakeAcquirer(pki, fake);
    const req = paymentRequest(CREDIT, { mobile: TEST_HOLDER.mobile });
    await acquirer.requestSmsCode(req);
    expect(customerInfoKeys(fake, '/backTransReq.do')).to.deep.equal(['encryptedInfo']);
    await acquirer.pay(req);
    expect(customerInfoKeys(fake, '/backTransReq.do')).to.deep.equal(['encryptedInfo']);
  });

  it("when customerInfoMode is 'plain', then the sub-fields travel as they are, for a consume and an SMS request", async () => {
    const { acquirer } = fakeAcquirer(pki, fake, { customerInfoMode: 'plain' });
    const req = paymentRequest(CREDIT, { mobile: TEST_HOLDER.mobile });
    await acquirer.requestSmsCode(req);
    expect(customerInfoKeys(fake, '/backTransReq.do')).to.deep.equal(['phoneNo']);
    await acquirer.pay(req);
    expect(customerInfoKeys(fake, '/backTransReq.do')).to.deep.equal(['cvn2', 'expired', 'phoneNo']);
  });

  it('when no smsCodeRequired is configured, then no card needs an SMS code', () => {
    const { acquirer } = fakeAcquirer(pki, fake);
    expect(acquirer.smsCodeRequired({ pan: DEBIT, kind: 'debit' })).to.equal(false);
    const always = fakeAcquirer(pki, fake, { smsCodeRequired: () => true }).acquirer;
    expect(always.smsCodeRequired({ pan: DEBIT, kind: 'debit' })).to.equal(true);
  });

  it('when no file-transfer endpoint is configured, then there is no reconciliation file and nothing is asked', async () => {
    const { acquirer } = fakeAcquirer(pki, fake);
    expect(await acquirer.reconciliationFile('20260302')).to.equal(undefined);
    expect(fake.requests).to.deep.equal([]);
  });
});
