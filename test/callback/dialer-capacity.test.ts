import { expect } from 'chai';
import type { OriginateRequest } from '../../src/callback/originator-port';
import { answered, dialerFixture, type DialerFixture } from './dialer-fixture';

/** Lets real time pass, so calls held on timers can end between dialer runs. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('callback/dialer: lines, pacing and restarts', () => {
  let fx: DialerFixture;
  beforeEach(async () => {
    fx = await dialerFixture();
  });
  afterEach(() => fx.close());

  it('when 50 callbacks are due on 10 outbound lines, then never more than 10 calls run at once and all complete', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => fx.createCallbackOrder()));
    let active = 0;
    let peak = 0;
    fx.behaviour = async (req, f) => {
      active += 1;
      peak = Math.max(peak, active);
      await pause(30 + Math.floor(Math.random() * 40));
      active -= 1;
      return answered(req, f, true);
    };
    for (let run = 0; run < 200 && fx.calls.length < 50; run++) {
      await fx.dialer.tick();
      await pause(5);
    }
    await fx.dialer.drain();

    expect(peak, 'the lines were used').to.be.at.most(10).and.at.least(6);
    expect(fx.calls).to.have.length(50);
    expect(new Set(fx.calls.map((c) => c.orderId)).size).to.equal(50);
    const states = await fx.deps.db('callbacks').whereIn('order_id', ids).pluck('state');
    expect(states.every((s: string) => s === 'done')).to.equal(true);
  });

  it('when inbound calls take lines beyond the reserve, then fewer outbound calls start', async () => {
    await Promise.all(Array.from({ length: 20 }, () => fx.createCallbackOrder()));
    fx.behaviour = () => new Promise(() => undefined); // calls that never end: count what starts
    fx.inbound = 25; // of 30 lines: 5 left, under the 10 outbound cap
    await fx.dialer.tick();
    expect(fx.calls).to.have.length(5);
    await fx.dialer.tick();
    expect(fx.calls, 'the running calls hold their lines').to.have.length(5);
  });

  it('when 10 calls start at 5 calls a second, then no second of the fake clock holds more than 5 starts', async () => {
    await Promise.all(Array.from({ length: 10 }, () => fx.createCallbackOrder()));
    const starts: number[] = [];
    fx.behaviour = async (req, f) => {
      starts.push(f.deps.now().getTime());
      return answered(req, f, true);
    };
    await fx.runOnce();

    expect(starts).to.have.length(10);
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 1000)).to.have.length.at.most(5);
    expect(starts[9] - starts[0]).to.equal(1800);
  });

  it('when a dialer dies mid-campaign, then a new one redials its calls only after their lease, once each', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, () => fx.createCallbackOrder()));
    fx.behaviour = () => new Promise(() => undefined); // the first dialer "crashes": its calls never report back
    const crashed = fx.newDialer({ leaseMs: 120_000 });
    await crashed.tick();
    expect(fx.calls).to.have.length(3);
    expect(await fx.deps.db('callbacks').pluck('state')).to.deep.equal(['dialing', 'dialing', 'dialing']);

    const restarted = fx.newDialer({ leaseMs: 120_000 });
    fx.behaviour = (req, f) => answered(req, f, true);
    fx.deps.advance(60_000);
    await fx.runOnce(restarted);
    expect(fx.calls, 'leases still held: nothing dialled twice').to.have.length(3);

    fx.deps.advance(61_000);
    expect(await restarted.recover()).to.equal(3);
    await fx.runOnce(restarted);
    const redialled = fx.calls.slice(3).map((c: OriginateRequest) => c.orderId);
    expect(redialled).to.have.members(ids);
    expect(await fx.deps.db('callbacks').pluck('state')).to.deep.equal(['done', 'done', 'done']);
    const outcomes = await fx.deps.db('callback_attempts').orderBy('started_at').pluck('outcome');
    expect(outcomes.sort()).to.deep.equal(['interrupted', 'interrupted', 'interrupted', 'paid', 'paid', 'paid']);
    await fx.runOnce(restarted);
    expect(fx.calls).to.have.length(6);
  });

  it('when a live dialer renews its lease, then a restarted one does not take its call', async () => {
    await fx.createCallbackOrder();
    let renew: () => void = () => undefined;
    const first = fx.newDialer({ leaseMs: 120_000, every: (_ms, fn) => ((renew = fn), () => undefined) });
    let finish: () => void = () => undefined;
    fx.behaviour = (req, f) => new Promise((resolve) => (finish = () => resolve(answered(req, f, true))));
    await first.tick();

    fx.deps.advance(100_000);
    renew();
    await new Promise((resolve) => setTimeout(resolve, 20));
    fx.deps.advance(100_000); // past the first lease, within the renewed one
    const second = fx.newDialer();
    await fx.runOnce(second);
    expect(fx.calls).to.have.length(1);
    finish();
    await first.drain();
    expect((await fx.deps.db('callbacks').first())?.state).to.equal('done');
  });

  it('when the dialer is stopped mid-run, then claimed calls not yet started go back to the queue at once', async () => {
    await Promise.all(Array.from({ length: 3 }, () => fx.createCallbackOrder()));
    fx.behaviour = (req, f) => answered(req, f, true);
    let stopping: Promise<void> | undefined;
    const dialer = fx.newDialer({
      callsPerSecond: 1,
      sleep: (ms) => {
        fx.deps.advance(ms);
        stopping ??= dialer.stop();
        return Promise.resolve();
      },
    });
    const run = await dialer.tick();
    await stopping;

    expect(run.started).to.equal(2);
    expect(fx.calls).to.have.length(2);
    const states = await fx.deps.db('callbacks').orderBy('state').pluck('state');
    expect(states).to.deep.equal(['done', 'done', 'scheduled']);
    expect((await dialer.tick()).started, 'a stopped dialer starts nothing').to.equal(0);
  });
});
