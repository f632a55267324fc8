import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, dumpAllTables, type TestDeps } from '../helpers/test-db';

describe('services/merchant-service', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when a merchant is created, then its key authenticates it and only a hash of the key is stored', async () => {
    const merchants = createMerchantService(deps);
    const created = await merchants.createMerchant('  Acme Travel ');

    expect(created.name).to.equal('Acme Travel');
    expect(created.apiKey).to.match(/^ivrpay_sk_[A-Za-z0-9_-]{43}$/);
    const found = await merchants.authenticate(created.apiKey);
    expect(found).to.include({ id: created.id, name: 'Acme Travel', requireIdNumber: true, requireMobile: true });
    expect(JSON.stringify(await dumpAllTables(deps.db))).not.to.include(created.apiKey);
  });

  it('when a key is wrong, altered or malformed, then nobody is authenticated', async () => {
    const merchants = createMerchantService(deps);
    const { apiKey } = await merchants.createMerchant('Acme');
    const altered = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');

    expect(await merchants.authenticate(altered)).to.equal(undefined);
    expect(await merchants.authenticate('')).to.equal(undefined);
    expect(await merchants.authenticate('ivrpay_sk_' + 'x'.repeat(500))).to.equal(undefined);
    expect(await merchants.authenticate(undefined as unknown as string)).to.equal(undefined);
  });

  it('when two merchants exist, then the list shows both without their keys', async () => {
    const merchants = createMerchantService(deps);
    const a = await merchants.createMerchant('A');
    const b = await merchants.createMerchant('B');

    const list = await merchants.listMerchants();
    expect(list.map((m) => m.id).sort()).to.deep.equal([a.id, b.id].sort());
    expect(JSON.stringify(list)).not.to.include(a.apiKey).and.not.to.include(b.apiKey);
    expect(list[0].apiKeyPrefix).to.match(/^ivrpay_sk_.{6}$/);
  });

  it('when the name is blank, then validation fails with a field message', async () => {
    const merchants = createMerchantService(deps);
    const error = await merchants.createMerchant('   ').catch((err: unknown) => err);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).code).to.equal('validation_failed');
    expect((error as AppError).fields).to.have.property('name');
  });
});
