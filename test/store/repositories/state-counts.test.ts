import { expect } from 'chai';
import { createTestDeps, type TestDeps, describeEachStore } from '../../helpers/test-db';
import { seedOpenWork } from '../../metrics/open-work';

describeEachStore('store/repositories: counts by state (read by the metrics at scrape time)', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
    await seedOpenWork(deps);
  });
  afterEach(() => deps.db.destroy());

  it('when attempts are counted in some states, then each state asked for has its count, 0 when none', async () => {
    expect(await deps.store.paymentAttempts.countInStates(['sending', 'unknown', 'unknown_manual'])).to.deep.equal({
      sending: 0,
      unknown: 2,
      unknown_manual: 1,
    });
  });

  it('when notifications and SMS are counted by status, then only the statuses asked for are counted', async () => {
    expect(await deps.store.notifications.countInStatuses(['pending', 'failed'])).to.deep.equal({ pending: 2, failed: 1 });
    expect(await deps.store.sms.countInStatuses(['queued', 'failed'])).to.deep.equal({ queued: 1, failed: 2 });
  });

  it('when callbacks are counted, then due ones and live leases count, a lease that ran out or a later call does not', async () => {
    expect(await deps.store.callbacks.countOpen(deps.now().toISOString())).to.deep.equal({ due: 3, dialing: 1 });
    const ids = await deps.db('callbacks').where({ state: 'scheduled' }).pluck('id');
    await deps.db('callbacks').where({ id: ids[0] }).update({ next_call_at: '2099-01-01T00:00:00.000Z' });
    const inTwoMinutes = new Date(deps.now().getTime() + 120_000).toISOString();
    expect(await deps.store.callbacks.countOpen(inTwoMinutes)).to.deep.equal({ due: 2, dialing: 0 });
  });
});
