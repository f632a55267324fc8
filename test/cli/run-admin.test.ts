import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('cli/run-admin', () => {
  let deps: TestDeps;
  let admin: AdminDeps;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    deps = await createTestDeps();
    admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
    };
  });
  afterEach(() => deps.db.destroy());

  it('when a merchant is created, then JSON with id, name and a working API key is printed', async () => {
    const result = await run('merchant', 'create', '--name', 'Acme Travel');

    expect(result.exitCode).to.equal(0);
    const printed = JSON.parse(result.stdout) as { id: string; name: string; apiKey: string; webhookSecret: string };
    expect(Object.keys(printed)).to.deep.equal(['id', 'name', 'apiKey', 'webhookSecret']);
    expect(printed.webhookSecret).to.match(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(printed.name).to.equal('Acme Travel');
    expect((await admin.merchants.authenticate(printed.apiKey))?.id).to.equal(printed.id);
  });

  it('when merchants are listed, then a table or JSON shows them without keys', async () => {
    const { apiKey, id } = await admin.merchants.createMerchant('Acme');
    const table = await run('merchant', 'list');
    expect(table.stdout.split('\n')[0]).to.match(/^id\s+name\s+apiKeyPrefix\s+createdAt$/);
    expect(table.stdout).to.include(id).and.not.to.include(apiKey);
    const json = JSON.parse((await run('merchant', 'list', '--json')).stdout) as { id: string }[];
    expect(json.map((m) => m.id)).to.deep.equal([id]);
  });

  it('when the name option is missing, then usage goes to stderr with exit code 2', async () => {
    const result = await run('merchant', 'create');
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.include("required option '--name <name>' not specified");
    expect(result.stdout).to.equal('');
  });

  it('when a command is unknown or missing, then exit code 2', async () => {
    expect((await run('merchant', 'delete')).exitCode).to.equal(2);
    expect((await run()).exitCode).to.equal(2);
    expect((await run('--help')).exitCode).to.equal(0);
  });

  it('when orders are listed and filtered, then only matching orders show', async () => {
    const a = await admin.merchants.createMerchant('A');
    const b = await admin.merchants.createMerchant('B');
    const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    const mine = await orders.createOrder(a.id, { merchantOrderId: 'A1', amount: 100 });
    const theirs = await orders.createOrder(b.id, { merchantOrderId: 'B1', amount: 200 });
    await orders.claimByPayCode(theirs.payCode!, 'call-1');

    const byMerchant = await run('order', 'list', '--merchant', a.id);
    expect(byMerchant.stdout).to.include(mine.id).and.not.to.include(theirs.id);
    const inCall = JSON.parse((await run('order', 'list', '--status', 'in_call', '--json')).stdout) as { id: string }[];
    expect(inCall.map((o) => o.id)).to.deep.equal([theirs.id]);
    expect((await run('order', 'list', '--status', 'bogus')).exitCode).to.equal(2);
    expect((await run('order', 'list', '--limit', '0')).exitCode).to.equal(2);
  });

  it('when an order is shown, then it prints JSON with its merchant; an unknown id exits 1', async () => {
    const { id: merchantId } = await admin.merchants.createMerchant('A');
    const order = await createOrderService({ ...deps, defaultExpiresSeconds: 1800 }).createOrder(merchantId, {
      merchantOrderId: 'A1',
      amount: 100,
    });
    const shown = await run('order', 'show', order.id);
    expect(JSON.parse(shown.stdout)).to.include({ id: order.id, merchantId, status: 'created' });

    const missing = await run('order', 'show', 'ord_nope');
    expect(missing.exitCode).to.equal(1);
    expect(missing.stderr).to.equal('error: order ord_nope not found\n');
  });

  it('when a bank status is set, then the list shows it; a bad status exits 2 and an unknown bank 1', async () => {
    const set = await run('bank', 'set-status', 'cgb', 'supported');
    expect(set.exitCode).to.equal(0);
    expect(JSON.parse(set.stdout)).to.include({ code: 'cgb', status: 'supported' });
    const list = JSON.parse((await run('bank', 'list', '--json')).stdout) as { code: string; status: string }[];
    expect(list.find((b) => b.code === 'cgb')?.status).to.equal('supported');

    expect((await run('bank', 'set-status', 'cgb', 'open')).exitCode).to.equal(2);
    const unknown = await run('bank', 'set-status', 'nope', 'disabled');
    expect(unknown.exitCode).to.equal(1);
    expect(unknown.stderr).to.include("unknown bank code 'nope'");
  });
});
