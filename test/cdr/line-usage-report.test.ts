import { expect } from 'chai';
import { createLineUsageReport } from '../../src/cdr/line-usage-report';
import { runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { insertLeg, insertMerchant } from '../settlement/settlement-fixture';

describe('cdr/line-usage-report', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when legs ended on a Beijing day, then they are summed by merchant and direction, unanswered ones billing nothing', async () => {
    const m = await insertMerchant(deps.db, 'Acme');
    // 2026-03-01 in Beijing: 2026-02-28T16:00Z to 2026-03-01T16:00Z.
    await insertLeg(deps.db, {
      merchantId: m,
      direction: 'inbound',
      startedAt: '2026-02-28T16:00:00Z',
      answeredAt: '2026-02-28T16:00:02Z',
      endedAt: '2026-02-28T16:02:03Z',
    });
    await insertLeg(deps.db, {
      merchantId: m,
      direction: 'inbound',
      startedAt: '2026-03-01T10:00:00Z',
      answeredAt: null,
      endedAt: '2026-03-01T10:00:40Z',
    });
    await insertLeg(deps.db, {
      merchantId: m,
      direction: 'outbound',
      startedAt: '2026-03-01T15:59:00Z',
      answeredAt: '2026-03-01T15:59:10Z',
      endedAt: '2026-03-01T16:00:10Z',
    });
    const usage = await createLineUsageReport(deps).usage('2026-03-01');
    expect(usage).to.deep.equal([
      { merchantId: m, direction: 'inbound', legs: 2, answered: 1, billableMinutes: 3, answeredSeconds: 121 },
    ]);

    const admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
      lineUsage: createLineUsageReport(deps),
    };
    const printed = await runAdmin(['calls', 'usage', '--date', '2026-03-02', '--json'], admin);
    expect(JSON.parse(printed.stdout)).to.deep.equal([
      { merchantId: m, direction: 'outbound', legs: 1, answered: 1, billableMinutes: 1, answeredSeconds: 60 },
    ]);
  });
});
