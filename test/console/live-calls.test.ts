import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { createLiveCalls } from '../../src/console/live-calls';

describe('console/live-calls: the calls in progress, from the Stasis app’s events', () => {
  it('when calls start, reach fields and end, then the list follows, with the mode but never the Stasis arguments', () => {
    const at = new Date('2026-03-02T04:00:00.000Z');
    const events = new EventEmitter();
    const live = createLiveCalls(() => at);
    live.follow(events);

    events.emit('call-start', { callId: 'c1', args: ['inbound', '583920'] });
    events.emit('call-start', { callId: 'c2', args: ['callback', 'ord_1', 'att_1'] });
    events.emit('collect', { callId: 'c1', field: 'pay-code' });
    events.emit('collect', { callId: 'c1', field: 'card' });
    events.emit('collect', { callId: 'gone', field: 'card' });
    expect(live.list()).to.deep.equal([
      { callId: 'c1', startedAt: at, mode: 'inbound', field: 'card' },
      { callId: 'c2', startedAt: at, mode: 'callback' },
    ]);
    expect(JSON.stringify(live.list())).not.to.include('583920');

    events.emit('call-end', { callId: 'c1' });
    expect(live.list().map((c) => c.callId)).to.deep.equal(['c2']);
  });
});
