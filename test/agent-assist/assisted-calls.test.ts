import { expect } from 'chai';
import { AssistedCalls, ENDED_CALL_KEPT_MS } from '../../src/agent-assist/assisted-calls';
import type { DeskEvent } from '../../src/agent-assist/agent-desk';
import { FakeCall } from '../helpers/fake-call';

describe('agent-assist/AssistedCalls', () => {
  it('when calls of two merchants run, then each merchant lists and hears only its own, newest first', () => {
    let now = new Date('2026-03-15T02:00:00Z');
    const calls = new AssistedCalls(() => now);
    const heard: DeskEvent[] = [];
    const unsubscribe = calls.subscribe('mch_1', (e) => heard.push(e));
    calls.add(new FakeCall({ id: 'a' }), 'mch_1', '8001', 'withheld');
    now = new Date('2026-03-15T02:01:00Z');
    const b = calls.add(new FakeCall({ id: 'b' }), 'mch_1', '8002', 'withheld');
    calls.add(new FakeCall({ id: 'c' }), 'mch_2', '9001', 'withheld');
    calls.end(b);
    unsubscribe();
    calls.changed(b);

    expect(calls.callsOf('mch_1').map((c) => c.callId)).to.deep.equal(['b', 'a']);
    expect(calls.get('mch_2', 'a')).to.equal(undefined);
    expect(heard.map((e) => [e.type, e.call.callId])).to.deep.equal([
      ['call.started', 'a'],
      ['call.started', 'b'],
      ['call.ended', 'b'],
    ]);
  });

  it('when an ended call is older than the kept window, then it is no longer listed', () => {
    let now = new Date('2026-03-15T02:00:00Z');
    const calls = new AssistedCalls(() => now);
    calls.end(calls.add(new FakeCall({ id: 'a' }), 'mch_1', '8001', 'withheld'));
    now = new Date(now.getTime() + ENDED_CALL_KEPT_MS + 1);
    expect(calls.callsOf('mch_1')).to.deep.equal([]);
  });
});
