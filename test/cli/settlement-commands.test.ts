import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createFeeService } from '../../src/fees/fee-service';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createSettlementService } from '../../src/settlement/settlement-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { insertMerchant, insertPayment } from '../settlement/settlement-fixture';

describe('cli/fee-commands and settlement-commands', () => {
  let deps: TestDeps;
  let admin: AdminDeps;
  let merchantId: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    deps = await createTestDeps(new Date('2026-03-02T01:00:00.000Z'));
    admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
      fees: createFeeService(deps),
      settlement: createSettlementService({ ...deps, settings: { delayDays: 1 } }),
    };
    merchantId = await insertMerchant(deps.db, '杭州测试商户');
  });
  afterEach(() => deps.db.destroy());

  it('when a fee plan is set and shown, then the fields given are kept', async () => {
    const set = await run(
      'fees',
      'set',
      '--merchant',
      merchantId,
      '--credit-rate-bps',
      '60',
      '--credit-max',
      '3000',
      '--inbound-per-minute',
      '12',
    );
    expect(set.exitCode, set.stderr).to.equal(0);
    const shown = await run('fees', 'show', '--merchant', merchantId);
    expect(JSON.parse(shown.stdout)).to.include({
      creditRateBps: 60,
      creditMaxFee: 3000,
      inboundPerMinute: 12,
      settlementAccounts: 1,
    });
  });

  it('when a minimum is above its maximum or a value is not a whole number, then exit 2 names the options and nothing changes', async () => {
    const bad = await run('fees', 'set', '--merchant', merchantId, '--debit-min', '500', '--debit-max', '100');
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include('--debit-min: must not be above debitMaxFee');
    const fraction = await run('fees', 'set', '--merchant', merchantId, '--opening-fee', '1.5', '--accounts', 'two');
    expect(fraction.exitCode).to.equal(2);
    expect(fraction.stderr).to.include('--opening-fee: must be a whole number');
    expect(fraction.stderr).to.include('--accounts: must be a number');
    expect((await run('fees', 'show', '--merchant', merchantId)).stdout).to.include('no fee plan');
  });

  it('when a day is run, listed and shown, then the statement prints as a table, JSON and CSV', async () => {
    await insertPayment(deps.db, {
      merchantId,
      amount: 10_000,
      cardKind: 'credit',
      state: 'approved',
      resolvedAt: '2026-03-01T03:00:00.000Z',
    });
    const ran = await run('settlement', 'run', '--date', '2026-03-02', '--json');
    expect(ran.exitCode, ran.stderr).to.equal(0);
    const [batch] = JSON.parse(ran.stdout) as { id: string; gross: number; net: number }[];
    expect(batch).to.include({ gross: 10_000, net: 10_000 });

    const again = await run('settlement', 'run', '--date', '2026-03-02', '--json');
    expect(JSON.parse(again.stdout)).to.deep.equal([batch]);
    expect((await run('settlement', 'list', '--date', '2026-03-02')).stdout).to.include('杭州测试商户');
    expect((await run('settlement', 'show', batch.id)).stdout).to.include('payment');
    expect((await run('settlement', 'show', batch.id, '--csv')).stdout.startsWith('\uFEFF"settlement_id"')).to.equal(true);
  });

  it('when the date is not over yet, then exit 2 names the date', async () => {
    const result = await run('settlement', 'run', '--date', '2026-03-03');
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.include('date: covers business day 2026-03-02');
  });
});
