import { expect } from 'chai';
import { timedAriOps } from '../../src/ari/timed-ari-ops';
import { FakeAriOps } from './fake-ari-ops';

describe('ari/timedAriOps', () => {
  it('when requests answer or fail, then each round trip is recorded and the answer or error passes through', async () => {
    let now = 0;
    const recorded: number[] = [];
    const inner = new FakeAriOps();
    inner.answerImpl = () => {
      now += 7;
      return Promise.resolve();
    };
    inner.hangupImpl = () => {
      now += 30;
      return Promise.reject(new Error('gone'));
    };
    const ops = timedAriOps(
      inner,
      (ms) => recorded.push(ms),
      () => now,
    );
    await ops.answer('c1');
    await ops.continueAfterStasis('c2');
    now += 100; // between requests: not counted
    const err = await ops.hangup('c1').catch((e: Error) => e);
    expect((err as Error).message).to.equal('gone');
    expect(recorded).to.deep.equal([7, 0, 30]);
    expect(inner.calls.map((c) => c.op)).to.deep.equal(['answer', 'continueAfterStasis', 'hangup']);
  });
});
