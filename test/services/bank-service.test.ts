import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createBankService } from '../../src/services/bank-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { CREDIT, DEBIT } from '../helpers/test-cards';

describe('services/bank-service', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when the sandbox debit card is looked up, then it is a supported Ping An debit card', async () => {
    const banks = createBankService(deps);
    expect(await banks.lookup(DEBIT)).to.deep.equal({ bankCode: 'pab', bankStatus: 'supported', kind: 'debit' });
    expect(await banks.lookup(CREDIT)).to.deep.equal({ bankCode: 'pab', bankStatus: 'supported', kind: 'credit' });
  });

  it('when a number matches no bank, then the lookup is undefined', async () => {
    expect(await createBankService(deps).lookup('4111111111111111')).to.equal(undefined);
  });

  it('when no admin changed anything, then the banks show their default status (Guangfa coming soon)', async () => {
    const list = await createBankService(deps).listBanks();
    expect(list.find((b) => b.code === 'cgb')).to.deep.equal({
      code: 'cgb',
      nameZh: '广发银行',
      nameEn: 'China Guangfa Bank',
      status: 'coming_soon',
    });
    expect(list.find((b) => b.code === 'icbc')?.status).to.equal('supported');
  });

  it('when an admin disables a bank, then lookups and the list say so, and it can be set back', async () => {
    const banks = createBankService(deps);
    expect((await banks.setStatus('pab', 'disabled')).status).to.equal('disabled');
    expect((await banks.lookup(DEBIT))?.bankStatus).to.equal('disabled');
    expect((await banks.listBanks()).find((b) => b.code === 'pab')?.status).to.equal('disabled');

    await banks.setStatus('pab', 'supported');
    expect((await banks.lookup(DEBIT))?.bankStatus).to.equal('supported');
  });

  it('when the bank code or status is unknown, then it is not found or invalid', async () => {
    const banks = createBankService(deps);
    const unknown = await banks.setStatus('nope', 'disabled').catch((err: unknown) => err);
    expect((unknown as AppError).code).to.equal('not_found');
    const invalid = await banks.setStatus('pab', 'closed' as never).catch((err: unknown) => err);
    expect(invalid).to.be.instanceOf(AppError);
    expect((invalid as AppError).code).to.equal('validation_failed');
  });
});
