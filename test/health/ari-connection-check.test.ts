import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import { createAriConnectionCheck } from '../../src/health/ari-connection-check';

describe('health/ari-connection-check', () => {
  it('when the Stasis app has not started, then ARI is not connected', async () => {
    const ari = createAriConnectionCheck(() => new Date('2026-03-01T08:00:00.000Z'));
    expect(await ari.check.run()).to.deep.equal({ ok: false, state: 'disconnected', since: '2026-03-01T08:00:00.000Z' });
  });

  it('when the app drops and regains its connection, then the check follows and each change is told', async () => {
    let now = new Date('2026-03-01T08:00:00.000Z');
    const ari = createAriConnectionCheck(() => now);
    const events = new EventEmitter();
    let changes = 0;
    ari.attach(events, () => changes++);
    expect(await ari.check.run()).to.include({ ok: true, state: 'connected' });

    now = new Date('2026-03-01T08:00:10.000Z');
    events.emit('disconnected');
    expect(await ari.check.run()).to.deep.equal({ ok: false, state: 'disconnected', since: '2026-03-01T08:00:10.000Z' });

    now = new Date('2026-03-01T08:00:40.000Z');
    events.emit('reconnected');
    expect(await ari.check.run()).to.deep.equal({ ok: true, state: 'connected', since: '2026-03-01T08:00:40.000Z' });
    expect(changes).to.equal(2);
  });

  it('when the node has several Asterisk servers, then the check is ok while any is connected and names each one', async () => {
    const ari = createAriConnectionCheck(() => new Date('2026-03-01T08:00:00.000Z'));
    const servers = [
      { server: 'pbx-1:8088', connected: true },
      { server: 'pbx-2:8088', connected: false },
    ];
    ari.attach(new EventEmitter(), undefined, () => servers);
    expect(await ari.check.run()).to.deep.include({
      ok: true,
      servers: { 'pbx-1:8088': 'connected', 'pbx-2:8088': 'disconnected' },
    });
  });
});
