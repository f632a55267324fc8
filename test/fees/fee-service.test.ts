import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createFeeService, type FeeService } from '../../src/fees/fee-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { insertMerchant } from '../settlement/settlement-fixture';

describe('fees/fee-service', () => {
  let deps: TestDeps;
  let fees: FeeService;
  let merchantId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    fees = createFeeService(deps);
    merchantId = await insertMerchant(deps.db, '上海示例商户');
  });
  afterEach(() => deps.db.destroy());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (err: unknown) => err as AppError,
    );

  it('when a plan is set in parts, then the fields given change and the others are kept', async () => {
    expect(await fees.getPlan(merchantId)).to.equal(undefined);
    await fees.setPlan(merchantId, { openingFee: 50_000, debitRateBps: 38, debitMinFee: 10, debitMaxFee: 2000 });
    const plan = await fees.setPlan(merchantId, { inboundPerMinute: 12 });
    expect(plan).to.include({ openingFee: 50_000, debitRateBps: 38, inboundPerMinute: 12, settlementAccounts: 1 });
    // The test clock is 2026-03-01 16:00 in Beijing.
    expect(plan.startsOn).to.equal('2026-03-01');
    expect(await fees.getPlan(merchantId)).to.deep.equal(plan);
  });

  for (const [changes, field] of [
    [{ debitMinFee: 300, debitMaxFee: 200 }, 'debitMinFee'],
    [{ creditMinFee: 1 }, 'creditMinFee'],
    [{ openingFee: -1 }, 'openingFee'],
    [{ inboundPerMinute: 1.5 }, 'inboundPerMinute'],
    [{ creditRateBps: 10_001 }, 'creditRateBps'],
    [{ settlementAccounts: 0 }, 'settlementAccounts'],
    [{ startsOn: '2026-02-30' }, 'startsOn'],
    [{ surprise: 1 }, 'body'],
  ] as const) {
    it(`when ${JSON.stringify(changes)} is set, then validation_failed names ${field} and nothing changes`, async () => {
      await fees.setPlan(merchantId, { openingFee: 100 });
      const err = await failure(fees.setPlan(merchantId, { openingFee: 999, ...changes }));
      expect(err).to.be.instanceOf(AppError);
      expect(err?.code).to.equal('validation_failed');
      expect(Object.keys(err?.fields ?? {})).to.include(field);
      expect((await fees.getPlan(merchantId))?.openingFee).to.equal(100);
    });
  }

  it('when the merchant does not exist, then not_found', async () => {
    expect((await failure(fees.setPlan('mer_nobody', {})))?.code).to.equal('not_found');
  });
});
