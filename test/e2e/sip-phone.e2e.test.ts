import { expect } from 'chai';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { api, newOrder, startE2e, type E2eHarness } from '../helpers/e2e-service';
import { agentScenario, callerScenario, type CallerScenario } from '../helpers/sipp-scenario';
import { freeUdpPort, runSipp, type SippRun } from '../helpers/sipp';
import { DEBIT } from '../helpers/test-cards';

/** The sandbox's SIP account for the test suite (dialplan/pjsip.conf): its calls enter the test app instance. */
const USER = 'sipp-test';
/** Every key of a debit payment after the pay code: the 19-digit card ends on its last digit, so no `#` anywhere. */
const DEBIT_KEYS = `${DEBIT}${TEST_PIN}${TEST_HOLDER.idNumber.replace('X', '*')}${TEST_HOLDER.mobile}1`;

describe('real SIP phones through the sandbox Asterisk (SIPp) @e2e', function () {
  this.timeout(150_000);
  let h: E2eHarness;
  let password: string;

  before(async () => {
    // The agent of "back to the agent" is reached through the sandbox's test return context.
    h = await startE2e('sip-phone', { RETURN_CONTEXT: 'ivrpay-return-test' });
    password = loadOrCreateSandboxSecrets(h.config.dataDir).sipPassword;
  });
  after(async () => {
    await h?.stop();
  });

  async function call(name: string, service: string, s: Omit<CallerScenario, 'user' | 'byeTimeoutMs'>): Promise<SippRun> {
    const run = await runSipp({
      name,
      scenarioXml: callerScenario({ ...s, user: USER, byeTimeoutMs: 110_000 }),
      service,
      remotePort: h.config.asterisk.sipPort,
      auth: { user: USER, password },
      timeoutMs: 120_000,
    });
    if (run.code !== 0) console.error(`SIPp ${name} failed (${run.code}):\n${run.errors}\n${run.messages.slice(-4000)}`);
    return run;
  }

  it('when a SIP phone keys the pay code and a debit card with RFC 4733 events, then the order is paid', async () => {
    const order = await newOrder(h);
    const run = await call('sip-rfc4733', '999', { dtmf: 'rfc4733', keys: `${order.payCode}${DEBIT_KEYS}` });
    expect(run.code).to.equal(0);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
  });

  it('when a SIP phone sends its keys as SIP INFO (application/dtmf-relay), then the order is paid', async () => {
    const order = await newOrder(h);
    const run = await call('sip-info', '999', { dtmf: 'info', keys: `${order.payCode}${DEBIT_KEYS}` });
    expect(run.code).to.equal(0);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
  });

  it('when the INVITE carries X-Pay-Code (one-line hand-off), then the order is paid without the code being keyed', async () => {
    const order = await newOrder(h);
    const run = await call('sip-x-pay-code', '999', {
      dtmf: 'info',
      keys: DEBIT_KEYS,
      headers: { 'X-Pay-Code': order.payCode },
    });
    expect(run.code).to.equal(0);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
  });

  it('when a desk phone sends malformed INFO bodies before its keys, then each is answered, none counts as a key, and the order is paid', async () => {
    const order = await newOrder(h);
    const run = await call('sip-info-malformed', '999', {
      dtmf: 'info',
      rawInfo: ['Signal=\nDuration=160', 'Signal=Z\nDuration=160', 'Duration=160', 'Signal=99', 'hello', 'Signal=-1'].map(
        (body) => ({ body, answer: 500 }),
      ),
      keys: `${order.payCode}${DEBIT_KEYS}`,
    });
    expect(run.code).to.equal(0);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
  });

  it('when a call centre hands a caller over with X-Return-To, then after paying the caller is back with the agent, who gets the result headers', async () => {
    const order = await newOrder(h);
    const agentPort = await freeUdpPort();
    const agent = runSipp({
      name: 'sip-agent',
      scenarioXml: agentScenario(1000),
      service: 'agent',
      localPort: agentPort,
      timeoutMs: 120_000,
    });
    const run = await call('sip-return-to', '999', {
      dtmf: 'info',
      keys: DEBIT_KEYS,
      headers: { 'X-Pay-Code': order.payCode, 'X-Return-To': String(agentPort) },
    });
    const agentRun = await agent;
    if (agentRun.code !== 0) console.error(`SIPp agent failed (${agentRun.code}):\n${agentRun.errors}\n${agentRun.messages}`);

    expect(run.code).to.equal(0);
    expect(agentRun.code).to.equal(0);
    const invite = agentRun.messages.slice(agentRun.messages.indexOf('INVITE sip:'));
    expect(invite).to.include('X-Pay-Result: paid');
    expect(invite).to.include('X-Pay-Reason: approved');
    expect(invite).to.include(`X-Pay-Order-Id: ${order.id}`);
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('paid');
  });
});
