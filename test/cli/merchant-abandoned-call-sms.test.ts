import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('cli/merchant-commands (set-abandoned-call-sms, shown by merchant show)', function () {
  this.timeout(20_000);
  let deps: TestDeps;
  let admin: AdminDeps;
  const run = (...argv: string[]) => runAdmin(argv, admin);
  const shown = async (id: string) => JSON.parse((await run('merchant', 'show', id)).stdout) as { abandonedCallSms: boolean };

  beforeEach(async () => {
    deps = await createTestDeps();
    admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
    };
  });
  afterEach(() => deps.db.destroy());

  it('when a merchant is created, then the SMS to callers who hang up is off; on and off turn it on and off', async () => {
    const { id } = await admin.merchants.createMerchant('Acme');
    expect(await shown(id)).to.include({ abandonedCallSms: false });

    const on = await run('merchant', 'set-abandoned-call-sms', id, 'on');
    expect(on.exitCode, on.stderr).to.equal(0);
    expect(JSON.parse(on.stdout)).to.deep.equal({ id, abandonedCallSms: true });
    expect(await shown(id)).to.include({ abandonedCallSms: true });
    expect(await deps.db('merchants').where({ id }).first()).to.include({ abandoned_call_sms: 1 });

    await run('merchant', 'set-abandoned-call-sms', id, 'off');
    expect(await shown(id)).to.include({ abandonedCallSms: false });
  });

  it('when the value is not on or off, then exit code 2 and nothing changes; an unknown merchant is exit code 1', async () => {
    const { id } = await admin.merchants.createMerchant('Acme');
    const bad = await run('merchant', 'set-abandoned-call-sms', id, 'yes');
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include('give on or off');
    expect(await shown(id)).to.include({ abandonedCallSms: false });

    const unknown = await run('merchant', 'set-abandoned-call-sms', 'mch_nope', 'on');
    expect(unknown.exitCode).to.equal(1);
    expect(unknown.stderr).to.include('merchant mch_nope not found');
  });
});
