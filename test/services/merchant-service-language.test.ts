import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('services/merchant-service language', () => {
  let deps: TestDeps;
  let merchants: MerchantService;
  beforeEach(async () => {
    deps = await createTestDeps();
    merchants = createMerchantService(deps);
  });
  afterEach(() => deps.db.destroy());

  const languageOf = async (id: string) => (await merchants.listMerchants()).find((m) => m.id === id)?.language;

  it('when a merchant is created, then it has no language of its own (DEFAULT_LANGUAGE applies)', async () => {
    const { id } = await merchants.createMerchant('Acme');
    expect(await languageOf(id)).to.equal(null);
  });

  it('when the language is set to en, then zh, then cleared, then the merchant has each in turn', async () => {
    const { id } = await merchants.createMerchant('Acme');
    expect(await merchants.setLanguage(id, 'en')).to.deep.equal({ id, language: 'en' });
    expect(await languageOf(id)).to.equal('en');
    await merchants.setLanguage(id, 'zh');
    expect(await languageOf(id)).to.equal('zh');
    await merchants.setLanguage(id, null);
    expect(await languageOf(id)).to.equal(null);
  });

  it('when the language is unknown, then validation fails on that field and the merchant keeps its language', async () => {
    const { id } = await merchants.createMerchant('Acme');
    await merchants.setLanguage(id, 'en');
    for (const bad of ['fr', 'EN', '', 'zh-CN']) {
      const error = await merchants.setLanguage(id, bad).catch((err: unknown) => err);
      expect(error, bad).to.be.instanceOf(AppError);
      expect((error as AppError).fields).to.deep.equal({ language: "must be 'zh' (Mandarin) or 'en' (English)" });
    }
    expect(await languageOf(id)).to.equal('en');
  });

  it('when the merchant does not exist, then not_found', async () => {
    const error = await merchants.setLanguage('mch_nope', 'en').catch((err: unknown) => err);
    expect((error as AppError).code).to.equal('not_found');
  });
});
