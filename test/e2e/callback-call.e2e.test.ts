import { expect } from 'chai';
import { createAriOriginator } from '../../src/ari/ari-originator';
import type { SimulatedCaller, SimulatedCallResult } from '../../simulator/simulated-caller';
import type { OriginateResult, Originator } from '../../src/callback/originator-port';
import { createLogger } from '../../src/log/logger';
import { connectTestPhone, PAYS_WITH_DEBIT, PHONE } from '../helpers/callback-e2e';
import { api, newOrder, startE2e, type E2eHarness } from '../helpers/e2e-service';
import { testOutputFile } from '../helpers/test-output';

describe('callback calls to the sandbox test phones @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;
  let phone: SimulatedCaller;
  let originator: Originator;
  let attempt = 0;

  before(async () => {
    h = await startE2e('callback-call');
    phone = await connectTestPhone(h);
    originator = createAriOriginator({
      servers: h.service.stasis,
      endpointTemplate: 'Local/{dial}@ivrpay-test-phones',
      callerId: '"ivrpay" <4008205588>',
      log: createLogger({
        level: 'debug',
        file: testOutputFile('callback-call-originator.log'),
        destination: { write: () => undefined },
      }),
    });
  });
  after(async () => {
    await phone?.close();
    await h?.stop();
  });

  /** The one Asterisk server of the e2e service. */
  const server = () => h.service.stasis.lines()[0].server;

  async function dial(number: string, orderId = 'ord_none', ringTimeoutSec = 10): Promise<OriginateResult> {
    attempt += 1;
    return originator.call({ orderId, attemptId: `cba_e2e${attempt}`, dial: number, ringTimeoutSec, server: server() });
  }

  // As far as the PIN, past the card's check: the whole callback payment is callback-campaign.e2e.test.ts's (CI time).
  it('when the test phone answers and the cardholder keys the debit test card, then the result is answered and the call script ran on the channel', async () => {
    const order = await newOrder(h, 2000_00);
    const heard: SimulatedCallResult[] = [];
    const rung: string[] = [];
    phone.answerIncoming((call) => {
      rung.push(call.number);
      return {
        answers: PAYS_WITH_DEBIT,
        hangupAfterField: 'pin',
        timeoutMs: 60_000,
        onEnded: (result) => heard.push(result),
      };
    });

    const result = await dial(PHONE.answersAndPays, order.id);
    // The cardholder's end comes on its own ARI connection and may trail the IVR's by a moment.
    for (let i = 0; i < 50 && heard.length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));

    expect(result.answered).to.equal(true);
    expect(rung).to.deep.equal([PHONE.answersAndPays]);
    expect(heard[0]?.fieldsAsked).to.deep.equal(['card', 'pin']);
    expect(heard[0]?.promptsHeard.slice(0, 3)).to.deep.equal(['welcome', 'callback-intro', 'amount-is']);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.not.equal('paid');
    expect(h.service.stasis.activeCalls()).to.equal(0);
  });

  it('when the test phone answers and hangs up after a few seconds, then the result is answered and the order is not paid', async () => {
    const order = await newOrder(h);
    const result = await dial(PHONE.answersThenHangsUp, order.id);

    expect(result.answered).to.equal(true);
    expect(result.endedAt.getTime() - result.startedAt.getTime()).to.be.within(2_500, 15_000);
    const after = await api(h, `/v1/orders/${order.id}`);
    expect(after.status).to.be.oneOf(['created', 'abandoned']);
    expect(after.payCode).to.equal(order.payCode);
  });

  it('when the test phone is busy, then the result is unanswered, cause 17, Dial status BUSY', async () => {
    const result = await dial(PHONE.busy);
    expect(result).to.deep.include({ answered: false, cause: 17, dialStatus: 'BUSY' });
  });

  it('when the test phone is congested, then the result is unanswered, cause 34, Dial status CONGESTION', async () => {
    const result = await dial(PHONE.congested);
    expect(result).to.deep.include({ answered: false, cause: 34, dialStatus: 'CONGESTION' });
  });

  it('when the test phone never answers, then the ring timeout ends it with cause 19, and it holds an outbound line while ringing', async () => {
    const ringing = dial(PHONE.neverAnswers, 'ord_none', 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.service.stasis.activeCalls({ direction: 'outbound' })).to.equal(1);
    expect(h.service.stasis.activeCalls({ direction: 'inbound' })).to.equal(0);

    const result = await ringing;
    expect(result).to.deep.include({ answered: false, cause: 19 });
    expect(result).to.not.have.property('dialStatus');
    expect(result.endedAt.getTime() - result.startedAt.getTime()).to.be.within(1_900, 6_000);
    expect(h.service.stasis.activeCalls({ direction: 'outbound' })).to.equal(0);
  });

  it('when the number does not exist, then the result is unanswered with cause 1 (unallocated)', async () => {
    const result = await dial(PHONE.doesNotExist);
    expect(result).to.deep.include({ answered: false, cause: 1 });
  });

  it('when the endpoint does not exist at all, then Asterisk’s refusal is a failed attempt with a cause', async () => {
    const broken = createAriOriginator({
      servers: h.service.stasis,
      endpointTemplate: 'PJSIP/{dial}@no-such-trunk',
      log: createLogger({ level: 'silent', destination: { write: () => undefined } }),
    });
    const request = { orderId: 'ord_none', attemptId: 'cba_e2e_broken', dial: PHONE.busy, ringTimeoutSec: 5, server: server() };
    const result = await broken.call(request);
    expect(result).to.deep.include({ answered: false, cause: 38 });
  });
});
