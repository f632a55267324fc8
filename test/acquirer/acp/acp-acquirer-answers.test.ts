import { expect } from 'chai';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { acpOrderIdOf } from '../../../src/acquirer/acp/attempt-order-id';
import type { TestPki } from '../../../src/crypto/test-pki';
import { TEST_HOLDER } from '../../../sandbox-acquirer/test-cards';
import { fixturePki } from '../../crypto/pki-fixture';
import { DEBIT } from '../../helpers/test-cards';
import { fakeAcquirer, paymentRequest, startFakeAcp, type FakeAcp } from './fake-acp-server';

const ERROR = 50;

describe('createAcpAcquirer answers (scripted acquirer)', function () {
  this.timeout(20_000);
  let pki: TestPki;
  let fake: FakeAcp;
  before(async () => {
    pki = await fixturePki();
    fake = await startFakeAcp(pki);
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });
  after(() => fake.close());

  const answering = (respCode: string, extra: Record<string, string> = {}) => {
    fake.reply = (r) => fake.signed(fake.echo(r.fields, { respCode, ...extra }));
  };

  it('when the acquirer refuses the consume message itself (11), then pay is unavailable and an error tells the operator to check the configuration', async () => {
    answering('11');
    const { acquirer, lines } = fakeAcquirer(pki, fake);
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.deep.equal({ outcome: 'unavailable', responseCode: '11' });
    const errors = lines().filter((l) => l.level === ERROR);
    expect(errors.map((l) => l.msg)).to.deep.equal(['acquirer refused the consume message: check the configuration']);
  });

  it('when a consume is answered normally, then no error is logged', async () => {
    answering('00', { queryId: 'q100' });
    const { acquirer, lines } = fakeAcquirer(pki, fake);
    expect(await acquirer.pay(paymentRequest(DEBIT))).to.deep.equal({
      outcome: 'pending',
      responseCode: '00',
      acquirerRef: 'q100',
    });
    expect(lines().filter((l) => l.level === ERROR)).to.deep.equal([]);
    expect(lines().map((l) => l.msg)).to.include('consume answered');
  });

  it('when an SMS code is asked without the holder mobile, then it is refused before anything is sent', async () => {
    const { acquirer } = fakeAcquirer(pki, fake);
    const err = await acquirer.requestSmsCode(paymentRequest(DEBIT)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(AcpError).and.to.include({ code: 'acp_field_invalid' });
    expect((err as Error).message).to.include('mobile');
    expect(fake.requests).to.deep.equal([]);
  });

  it('when an SMS code request is answered 00, then it was sent (77) for this order and mobile, and the code is on its way', async () => {
    answering('00');
    const { acquirer } = fakeAcquirer(pki, fake);
    const req = paymentRequest(DEBIT, { mobile: TEST_HOLDER.mobile });
    expect(await acquirer.requestSmsCode(req)).to.deep.equal({ ok: true });
    const [sent] = fake.to('/backTransReq.do');
    expect(sent).to.include({ txnType: '77', txnSubType: '02', orderId: acpOrderIdOf(req.attemptId), txnAmt: '4599' });
  });

  it('when an SMS code request gets no trusted answer, or the message is refused (11), then unavailable', async () => {
    const { acquirer } = fakeAcquirer(pki, fake);
    const req = paymentRequest(DEBIT, { mobile: TEST_HOLDER.mobile });
    fake.reply = () => ({ status: 502, body: '' });
    expect(await acquirer.requestSmsCode(req)).to.deep.equal({ ok: false, reason: 'unavailable' });
    answering('11');
    expect(await acquirer.requestSmsCode(req)).to.deep.equal({ ok: false, reason: 'unavailable' });
    answering('66');
    expect(await acquirer.requestSmsCode(req)).to.deep.equal({ ok: false, reason: 'id_mobile_mismatch' });
  });

  it('when a query gets no trusted answer, then it stays pending', async () => {
    fake.reply = () => ({ status: 500, body: '' });
    const { acquirer } = fakeAcquirer(pki, fake);
    const req = paymentRequest(DEBIT);
    expect(await acquirer.query({ ...req, cardKind: 'debit' })).to.deep.equal({ outcome: 'pending' });
    expect(fake.requests.map((r) => r.path)).to.deep.equal(['/queryTrans.do']);
  });

  it('when an approved consume is cancelled, refunded, or reversed, then the cancels go as 31 and the refunds as 04', async () => {
    answering('00', { queryId: 'q200' });
    const { acquirer } = fakeAcquirer(pki, fake);
    const input = { attemptId: 'rfd_00000000000000000001-1', txnTime: '20260302120000', amountFen: 4599, origQryId: 'q100' };
    expect(await acquirer.cancel(input)).to.deep.equal({ outcome: 'accepted', responseCode: '00', acquirerRef: 'q200' });
    expect(await acquirer.refund({ ...input, attemptId: 'rfd_00000000000000000002-1' })).to.include({ outcome: 'accepted' });
    const order = { txnTime: input.txnTime, amount: 4599, origAcquirerRef: 'q100' };
    await acquirer.reverse({ kind: 'cancel', acquirerOrderId: 'rfd00000000000000000003', ...order });
    await acquirer.reverse({ kind: 'refund', acquirerOrderId: 'rfd00000000000000000004', ...order });
    const sent = fake.to('/backTransReq.do').map((f) => [f.orderId, f.txnType]);
    expect(sent).to.deep.equal([
      ['rfd000000000000000000011', '31'],
      ['rfd000000000000000000021', '04'],
      ['rfd00000000000000000003', '31'],
      ['rfd00000000000000000004', '04'],
    ]);
  });

  it('when a reversal is queried, then the query (00) names its order and the answer says whether it succeeded', async () => {
    answering('00', { origRespCode: '00', queryId: 'q300' });
    const { acquirer } = fakeAcquirer(pki, fake);
    const ref = { acquirerOrderId: 'rfd00000000000000000005', txnTime: '20260302120000' };
    expect(await acquirer.queryReversal(ref)).to.deep.equal({ outcome: 'succeeded', responseCode: '00', acquirerRef: 'q300' });
    expect(fake.to('/queryTrans.do')).to.have.length(1);
    expect(fake.to('/queryTrans.do')[0]).to.include({ txnType: '00', orderId: ref.acquirerOrderId });
  });
});
