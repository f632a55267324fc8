import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createNotificationAdmin } from '../../src/notify/notification-admin';
import { createBankService } from '../../src/services/bank-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { APPROVED, openShop, type Shop } from '../notify/notify-fixtures';
import { DEBIT } from '../helpers/test-cards';

const debit = { pan: DEBIT, kind: 'debit' as const, pin: '123456' };

describe('cli/notification-commands', () => {
  let deps: TestDeps;
  let shop: Shop;
  let admin: AdminDeps;
  let orderId: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    deps = await createTestDeps();
    shop = await openShop(deps);
    admin = {
      merchants: shop.merchants,
      orders: shop.orders,
      banks: createBankService(deps),
      notifications: createNotificationAdmin(deps),
    };
    orderId = await shop.orderInCall('https://merchant.example/hook');
    await shop.pay(orderId, 'call-1', debit, APPROVED);
  });
  afterEach(() => deps.db.destroy());

  it('when notifications are listed, then a table or JSON shows them, filtered by order and failure', async () => {
    const table = await run('notification', 'list');
    expect(table.exitCode).to.equal(0);
    expect(table.stdout.split('\n')[0]).to.match(/^id\s+type\s+orderId\s+status\s+attempts\s+nextAttemptAt\s+lastError$/);
    expect(table.stdout).to.include('order.paid').and.include(orderId).and.include('pending');

    const json = JSON.parse((await run('notification', 'list', '--order', orderId, '--json')).stdout) as object[];
    expect(json).to.have.length(1);
    expect(json[0]).not.to.have.property('payload');
    expect((await run('notification', 'list', '--failed')).stdout).to.equal('(none)\n');
    expect((await run('notification', 'list', '--limit', '0')).exitCode).to.equal(2);
  });

  it('when an event is redelivered, then its new state is printed; an unknown id exits 1', async () => {
    const [event] = JSON.parse((await run('notification', 'list', '--json')).stdout) as { id: string }[];
    await deps.db('notifications').update({ status: 'failed' });

    const result = await run('notification', 'redeliver', event.id);
    expect(result.exitCode).to.equal(0);
    expect(JSON.parse(result.stdout)).to.include({ id: event.id, status: 'pending' });
    const unknown = await run('notification', 'redeliver', 'evt_nope');
    expect(unknown.exitCode).to.equal(1);
    expect(unknown.stderr).to.include('not found');
  });

  it('when a merchant rotates its webhook secret, then the new one is printed once and differs', async () => {
    const result = await run('merchant', 'rotate-webhook-secret', shop.merchantId);
    expect(result.exitCode).to.equal(0);
    const printed = JSON.parse(result.stdout) as { id: string; webhookSecret: string };
    expect(printed).to.have.keys(['id', 'webhookSecret']);
    expect(printed.webhookSecret)
      .to.match(/^whsec_/)
      .and.not.equal(shop.webhookSecret);
    expect((await run('merchant', 'rotate-webhook-secret', 'mch_nope')).exitCode).to.equal(1);
  });
});
