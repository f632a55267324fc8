import { expect } from 'chai';
import type { ServerLoad } from '../../src/callback/server-lines';
import { dialerFixture, type DialerFixture } from './dialer-fixture';

/** Calls that never end: what starts is counted. */
const neverEnding = () => new Promise<never>(() => undefined);

describe('callback/dialer: several Asterisk servers', () => {
  let fx: DialerFixture;
  let servers: ServerLoad[];
  beforeEach(async () => {
    fx = await dialerFixture();
    servers = [
      { server: 'pbx-a:8088', connected: true, inbound: 0 },
      { server: 'pbx-b:8088', connected: true, inbound: 0 },
    ];
    fx.dialer = fx.newDialer({ servers: () => servers });
    fx.behaviour = neverEnding;
  });
  afterEach(() => fx.close());

  const placedOn = () => fx.calls.map((c) => c.server).sort();
  const count = (list: (string | null)[], server: string) => list.filter((s) => s === server).length;

  it('when 30 callbacks are due on two servers of 10 outbound lines each, then 10 calls go to each and no more', async () => {
    await Promise.all(Array.from({ length: 30 }, () => fx.createCallbackOrder()));
    await fx.dialer.tick();
    await fx.dialer.tick();
    expect(count(placedOn(), 'pbx-a:8088')).to.equal(10);
    expect(count(placedOn(), 'pbx-b:8088')).to.equal(10);
    const attempts = await fx.deps.db('callback_attempts').pluck('asterisk_server');
    expect(count(attempts, 'pbx-a:8088')).to.equal(10);
    expect(count(attempts, 'pbx-b:8088')).to.equal(10);
    const rows = await fx.deps.db('callbacks').where({ state: 'dialing' }).pluck('asterisk_server');
    expect(rows).to.have.length(20);
  });

  it('when a server is down, then callbacks go to the other only, within its lines, until the first answers again', async () => {
    await Promise.all(Array.from({ length: 30 }, () => fx.createCallbackOrder()));
    servers[0].connected = false;
    await fx.dialer.tick();
    expect(placedOn()).to.deep.equal(Array(10).fill('pbx-b:8088'));
    servers[0].connected = true;
    await fx.dialer.tick();
    expect(count(placedOn(), 'pbx-a:8088')).to.equal(10);
  });

  it("when another node's calls fill a server's lines (rows of the shared store), then this dialer places its calls on the other", async () => {
    const ids = await Promise.all(Array.from({ length: 14 }, () => fx.createCallbackOrder()));
    const busyUntil = new Date(fx.deps.now().getTime() + 60_000).toISOString();
    await fx.deps
      .db('callbacks')
      .whereIn('order_id', ids.slice(0, 8))
      .update({ state: 'dialing', locked_until: busyUntil, lease_token: 'other-node', asterisk_server: 'pbx-a:8088' });
    await fx.dialer.tick();
    // a: 10 - 8 = 2 free, b: 10 free; the 6 due go where most lines are free.
    expect(placedOn()).to.deep.equal(Array(6).fill('pbx-b:8088'));
  });

  it('when inbound calls on one server take its lines, then that server gets fewer callbacks', async () => {
    await Promise.all(Array.from({ length: 30 }, () => fx.createCallbackOrder()));
    servers[1].inbound = 27; // of 30 lines: 3 left on b
    await fx.dialer.tick();
    expect(count(placedOn(), 'pbx-a:8088')).to.equal(10);
    expect(count(placedOn(), 'pbx-b:8088')).to.equal(3);
  });
});
