import { expect } from 'chai';
import sinon from 'sinon';
import { OutboundCall, type OutboundEnd } from '../../src/ari/outbound-call';

const LOCAL = { channelId: 'cb-1', peerId: 'cb-1-2', unansweredDeadlineMs: 60_000, settleMs: 2000 };

/** Whether the call has ended, without waiting. */
async function settled(call: OutboundCall): Promise<OutboundEnd | undefined> {
  return Promise.race([call.result, new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined)))]);
}

describe('ari/OutboundCall', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  it('when a Local callee is busy, then it ends with the other half’s cause 17 and the BUSY status, only once both halves are gone', async () => {
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'dial', status: '' });
    call.handle({ type: 'dial', status: 'BUSY' });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 0 });
    expect(await settled(call)).to.equal(undefined);
    call.handle({ type: 'destroyed', channelId: 'cb-1-2', cause: 17 });
    expect(await call.result).to.deep.equal({ answered: false, cause: 17, dialStatus: 'BUSY', lost: false });
  });

  it('when the ring timeout ends the call, then the cause is 19 and no final Dial status is made up from RINGING', async () => {
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'dial', status: 'RINGING' });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 19 });
    call.handle({ type: 'destroyed', channelId: 'cb-1-2', cause: 19 });
    expect(await call.result).to.deep.equal({ answered: false, cause: 19, dialStatus: undefined, lost: false });
  });

  it('when a trunk channel (no other half) ends with congestion, then it ends at once with cause 34', async () => {
    const call = new OutboundCall({ channelId: 'cb-1', unansweredDeadlineMs: 60_000 });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 34 });
    expect(await call.result).to.deep.include({ answered: false, cause: 34 });
  });

  it('when answered, then it ends only after the script has ended, however the events are ordered', async () => {
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'dial', status: 'ANSWER' });
    call.handle({ type: 'script-started' });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 16 });
    expect(await settled(call)).to.equal(undefined);
    call.handle({ type: 'script-ended' });
    expect(await call.result).to.deep.equal({ answered: true, cause: 16, dialStatus: 'ANSWER', lost: false });
  });

  it('when the other half’s end never comes, then it ends after the settle time with what it has', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'dial', status: 'CONGESTION' });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 0 });
    await clock.tickAsync(1999);
    expect(await settled(call)).to.equal(undefined);
    await clock.tickAsync(1);
    expect(await call.result).to.deep.equal({ answered: false, cause: undefined, dialStatus: 'CONGESTION', lost: false });
  });

  it('when nothing at all happens past the deadline, then it ends as lost, unanswered', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'dial', status: 'RINGING' });
    await clock.tickAsync(60_000);
    expect(await call.result).to.deep.include({ answered: false, lost: true });
  });

  it('when answered, then the no-answer deadline no longer applies', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = new OutboundCall(LOCAL);
    call.handle({ type: 'script-started' });
    await clock.tickAsync(120_000);
    expect(await settled(call)).to.equal(undefined);
    call.handle({ type: 'lost' });
    expect(await call.result).to.deep.include({ answered: true, lost: true });
  });

  it('when events come after the end, then the result does not change', async () => {
    const call = new OutboundCall({ channelId: 'cb-1', unansweredDeadlineMs: 60_000 });
    call.handle({ type: 'destroyed', channelId: 'cb-1', cause: 17 });
    call.handle({ type: 'script-started' });
    expect(await call.result).to.deep.include({ answered: false, cause: 17 });
  });
});
