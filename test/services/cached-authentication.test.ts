import { expect } from 'chai';
import { API_KEY_CACHE_MS, cachedAuthentication } from '../../src/services/cached-authentication';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('services/cached-authentication', () => {
  let deps: TestDeps;
  let clock: number;
  let lookups: number;
  beforeEach(async () => {
    deps = await createTestDeps();
    clock = 1_000_000;
    lookups = 0;
  });
  afterEach(() => deps.db.destroy());

  function counted(merchants: ReturnType<typeof createMerchantService>) {
    return cachedAuthentication({ authenticate: (key) => ((lookups += 1), merchants.authenticate(key)) }, () => clock);
  }

  it('when a key is used again within the cache time, then the store is not asked again', async () => {
    const merchants = createMerchantService(deps);
    const { id, apiKey } = await merchants.createMerchant('Acme');
    const auth = counted(merchants);

    expect(await auth.authenticate(apiKey)).to.include({ id });
    clock += API_KEY_CACHE_MS - 1;
    expect(await auth.authenticate(apiKey)).to.include({ id });
    expect(lookups).to.equal(1);
  });

  it('when a key is rotated elsewhere, then the old key stops working once the cache time has passed', async () => {
    const merchants = createMerchantService(deps);
    const { id, apiKey } = await merchants.createMerchant('Acme');
    const auth = counted(merchants);
    await auth.authenticate(apiKey);

    const rotated = await merchants.rotateApiKey(id);
    clock += API_KEY_CACHE_MS;
    expect(await auth.authenticate(apiKey)).to.equal(undefined);
    expect(await auth.authenticate(rotated.apiKey)).to.include({ id });
  });

  it('when a key is unknown, then it is asked of the store every time (refusals are never cached)', async () => {
    const auth = counted(createMerchantService(deps));
    expect(await auth.authenticate('ivrpay_sk_unknown')).to.equal(undefined);
    expect(await auth.authenticate('ivrpay_sk_unknown')).to.equal(undefined);
    expect(lookups).to.equal(2);
  });
});
