import { expect } from 'chai';
import pino from 'pino';
import { AssistedCalls } from '../src/agent-assist/assisted-calls';
import type { AriAssistLine } from '../src/ari/ari-assist-line';
import type { CallPort } from '../src/call/call-port';
import { createCallRouter } from '../src/route-stasis-call';
import { createFakeFlow } from './call/fake-flow-deps';
import { FakeCall } from './helpers/fake-call';

const now = () => new Date('2026-12-06T10:00:00.000Z');

function router() {
  const legs: string[] = [];
  const ended: string[] = [];
  const answeredAgents: string[] = [];
  const line: AriAssistLine = {
    open: () => Promise.reject(new Error('no bridge in this test')),
    agentAnswered: (agent: CallPort) => {
      answeredAgents.push(agent.id);
      return Promise.resolve();
    },
  };
  const route = createCallRouter({
    legs: {
      started: (leg) => Promise.resolve(void legs.push(`started ${leg.id} ${leg.direction}`)),
      answered: (id) => Promise.resolve(void legs.push(`answered ${id}`)),
      ended: (id, _at, outcome) => Promise.resolve(void legs.push(`ended ${id} ${outcome}`)),
    },
    flow: createFakeFlow().deps,
    directory: { merchantOfExtension: () => Promise.resolve(undefined) },
    assistedCalls: new AssistedCalls(now),
    callEnded: (direction, outcome) => ended.push(`${direction} ${outcome}`),
    now,
    log: pino({ level: 'silent' }),
  })(line);
  return { route, legs, ended, answeredAgents };
}

describe('createCallRouter', () => {
  it("when an agent's leg we originated answers, then it goes to the assist line, and no payment call is counted", async () => {
    const r = router();
    await r.route(new FakeCall({ id: 'agent-1' }), ['agent-leg', 'card-1'], { direction: 'outbound', callerNumber: '' });
    expect(r.answeredAgents).to.deep.equal(['agent-1']);
    expect(r.ended).to.deep.equal([]);
  });

  it('when agent-assist arguments come on a channel they do not belong to, then nothing runs', async () => {
    const r = router();
    const call = new FakeCall({ id: 'x-1' });
    await r.route(call, ['agent-leg', 'card-1'], { direction: 'inbound', callerNumber: '13800000000' });
    await r.route(call, ['agent-assist', '8001'], { direction: 'outbound', callerNumber: '' });
    expect(r.answeredAgents).to.deep.equal([]);
    expect(call.answered).to.equal(false);
    expect(r.legs).to.deep.equal([]);
  });

  it('when an inbound payment call ends, then its leg is recorded and its outcome counted', async () => {
    const r = router();
    const call = new FakeCall({ id: 'in-1', hangUpAt: 'pay-code' });
    await r.route(call, ['inbound'], { direction: 'inbound', callerNumber: '13800000000' });
    expect(r.legs[0]).to.equal('started in-1 inbound');
    expect(r.legs.at(-1)).to.match(/^ended in-1 /);
    expect(r.ended).to.have.length(1);
    expect(r.ended[0]).to.match(/^inbound /);
  });
});
