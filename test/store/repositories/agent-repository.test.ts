import { expect } from 'chai';
import type { AgentRow } from '../../../src/store/agent-rows';
import { createMerchantService } from '../../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../../helpers/test-db';
import { describeEachStore } from '../../helpers/test-stores';

const AT = '2026-03-01T08:00:00.000Z';

describeEachStore('store/repositories/agent-repository: the agents table (migration 015)', () => {
  let deps: TestDeps;
  let acme: string;
  let globex: string;
  const row = (name: string, extension: string, merchantId = acme): AgentRow => ({
    id: `agt_${name}`,
    merchant_id: merchantId,
    name,
    extension,
    password_hash: 'scrypt$1$1$1$s$k',
    password_set_at: AT,
    created_at: AT,
    disabled_at: null,
  });

  beforeEach(async () => {
    deps = await createTestDeps();
    const merchants = createMerchantService(deps);
    acme = (await merchants.createMerchant('Acme')).id;
    globex = (await merchants.createMerchant('Globex')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when agents are inserted, then they are found by id and name, and listed by name, one merchant’s when asked', async () => {
    const { agents } = deps.store;
    await agents.insert(row('zoe', '203'));
    await agents.insert(row('amy', '201'));
    await agents.insert(row('bob', '301', globex));
    expect((await agents.find('agt_amy'))?.extension).to.equal('201');
    expect((await agents.findByName('bob'))?.merchant_id).to.equal(globex);
    expect(await agents.find('agt_nobody')).to.equal(undefined);
    expect((await agents.list()).map((a) => a.name)).to.deep.equal(['amy', 'bob', 'zoe']);
    expect((await agents.list(acme)).map((a) => a.name)).to.deep.equal(['amy', 'zoe']);
    expect(await agents.list('mch_none')).to.deep.equal([]);
  });

  it('when a name or an extension is taken, or the merchant does not exist, then the insert fails', async () => {
    const { agents } = deps.store;
    await agents.insert(row('amy', '201'));
    let failures = 0;
    for (const bad of [row('amy', '202'), { ...row('ann', '201'), id: 'agt_ann' }, row('cat', '209', 'mch_none')]) {
      await agents.insert(bad).catch(() => failures++);
    }
    expect(failures).to.equal(3);
    expect(await agents.list()).to.have.length(1);
  });

  it('when an agent is disabled, then only once; a new password changes its hash and date', async () => {
    const { agents } = deps.store;
    await agents.insert(row('amy', '201'));
    expect(await agents.disable('amy', '2026-03-02T00:00:00.000Z')).to.equal(true);
    expect(await agents.disable('amy', '2026-03-03T00:00:00.000Z')).to.equal(false);
    expect(await agents.disable('nobody', AT)).to.equal(false);
    expect((await agents.findByName('amy'))?.disabled_at).to.equal('2026-03-02T00:00:00.000Z');
    expect(await agents.setPassword('amy', 'new-hash', '2026-03-04T00:00:00.000Z')).to.equal(true);
    expect(await agents.findByName('amy')).to.deep.include({
      password_hash: 'new-hash',
      password_set_at: '2026-03-04T00:00:00.000Z',
    });
    expect(await agents.setPassword('nobody', 'h', AT)).to.equal(false);
  });

  it('when the dialplan rings an extension, then the enabled agent of that extension is found, a disabled one not', async () => {
    const { agents } = deps.store;
    await agents.insert(row('amy', '201'));
    await agents.insert(row('bob', '301', globex));
    expect((await agents.findEnabledByExtension('301'))?.merchant_id).to.equal(globex);
    expect(await agents.findEnabledByExtension('999')).to.equal(undefined);
    await agents.disable('bob', AT);
    expect(await agents.findEnabledByExtension('301')).to.equal(undefined);
  });
});
