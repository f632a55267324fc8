import { expect } from 'chai';
import { createTestDeps, type TestDeps } from '../../helpers/test-db';
import { describeEachStore } from '../../helpers/test-stores';

const W1 = '2026-03-01T08:00:00.000Z';
const W2 = '2026-03-01T08:01:00.000Z';

describeEachStore('store/repositories/rate-limit-repository (migration 016)', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('counts each key’s hits per window, one statement a hit, each window apart', async () => {
    const limits = deps.store.rateLimits;
    expect([await limits.hit('m:1', W1), await limits.hit('m:1', W1), await limits.hit('m:2', W1)]).to.deep.equal([1, 2, 1]);
    expect(await limits.hit('m:1', W2)).to.equal(1);
  });

  it('counts hits made at once, as two nodes would, without losing one', async () => {
    const hits = await Promise.all(Array.from({ length: 20 }, () => deps.store.rateLimits.hit('m:1', W1)));
    expect([...hits].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('takes a hit back, never below zero; a reset forgets the key', async () => {
    const limits = deps.store.rateLimits;
    await limits.hit('ip:1', W1);
    await limits.unhit('ip:1', W1);
    await limits.unhit('ip:1', W1);
    expect(await limits.hit('ip:1', W1)).to.equal(1);
    await limits.reset('ip:1');
    expect(await limits.hit('ip:1', W1)).to.equal(1);
  });

  it('purges the windows that started before the cut-off, and only those', async () => {
    const limits = deps.store.rateLimits;
    await limits.hit('m:1', W1);
    await limits.hit('m:1', W2);
    expect(await limits.purgeBefore(W2)).to.equal(1);
    expect(await limits.hit('m:1', W2)).to.equal(2);
    expect(await limits.hit('m:1', W1)).to.equal(1);
  });
});
