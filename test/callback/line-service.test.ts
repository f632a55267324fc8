import { expect } from 'chai';
import { createLineService, liveLineUsage, recordLineUsage, storedLineUsage } from '../../src/callback/line-service';
import { dialerFixture, type DialerFixture } from './dialer-fixture';

describe('callback/line-service', () => {
  let fx: DialerFixture;
  beforeEach(async () => {
    fx = await dialerFixture();
  });
  afterEach(() => fx.close());
  const lines = { total: 30, maxOutbound: 10, reservedInbound: 5 };

  it('when the service asks its own counters, then it shows them with the limits and what is free', async () => {
    const service = createLineService({
      lines,
      usage: liveLineUsage({ inbound: () => 22, outbound: () => 3 }, fx.deps.now),
      now: fx.deps.now,
    });
    expect(await service.show()).to.deep.equal({
      inbound: 22,
      outbound: 3,
      maxOutbound: 10,
      reserved: 5,
      total: 30,
      freeOutbound: 5,
      asOf: fx.deps.now().toISOString(),
    });
  });

  it('when the admin CLI asks, then inbound comes from the last snapshot and outbound from the live leases', async () => {
    await fx.createCallbackOrder();
    await fx.createCallbackOrder();
    await fx.deps.store.callbacks.claimDue(fx.deps.now(), 60_000, 10);
    await recordLineUsage(fx.deps.store, { inbound: 4, outbound: 0 }, fx.deps.now());
    const service = createLineService({ lines, usage: storedLineUsage(fx.deps.store, fx.deps.now), now: fx.deps.now });

    expect(await service.show()).to.include({ inbound: 4, outbound: 2, freeOutbound: 8 });
    fx.deps.advance(120_000);
    expect(await service.show(), 'leases and snapshot have run out').to.include({ outbound: 0, stale: true });
  });

  it('when the dialer runs, then it leaves a snapshot of what it saw', async () => {
    fx.inbound = 7;
    await fx.runOnce();
    expect(await fx.deps.db('line_usage').first()).to.deep.include({ inbound: 7, outbound: 0 });
  });
});
