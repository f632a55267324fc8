import { expect } from 'chai';
import { runAdmin, type AdminDeps } from '../../src/cli/run-admin';
import { createOrderService } from '../../src/order/order-service';
import { createRefundReads } from '../../src/refund/refund-reads';
import type { RefundView } from '../../src/refund/refund-view';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { startRefundBench, type RefundBench } from '../refund/refund-fixture';

describe('cli/refund-commands (refund create|list|show)', () => {
  let b: RefundBench;
  let admin: AdminDeps;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    b = await startRefundBench();
    admin = {
      merchants: createMerchantService(b.deps),
      orders: createOrderService({ ...b.deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(b.deps),
      refundReads: createRefundReads(b.deps),
      refunds: b.refunds,
    };
  });
  afterEach(() => b.deps.db.destroy());

  it('when an admin refunds part of a paid order, then the refund is printed as JSON, and list and show find it', async () => {
    const paid = await b.paidOrder({ amount: 10_000 });
    const created = await run('refund', 'create', '--order', paid.id, '--amount', '1200', '--reason', '客户退货');
    expect(created.exitCode, created.stderr).to.equal(0);
    const refund = JSON.parse(created.stdout) as RefundView;
    expect(refund).to.include({ orderId: paid.id, kind: 'refund', amount: 1200, state: 'succeeded' });

    const table = await run('refund', 'list', '--order', paid.id);
    expect(table.stdout.split('\n')[0]).to.match(/^id\s+merchantId\s+orderId\s+kind\s+amount\s+state/);
    expect(table.stdout).to.include(refund.id);
    const json = JSON.parse((await run('refund', 'list', '--state', 'succeeded', '--json')).stdout) as { id: string }[];
    expect(json.map((r) => r.id)).to.deep.equal([refund.id]);
    const shown = JSON.parse((await run('refund', 'show', refund.id)).stdout) as RefundView & { merchantId: string };
    expect(shown).to.include({ id: refund.id, merchantId: b.merchantId });
  });

  it('when the amount is not a whole number of fen or above what is left, then the field is named, exit 2 or 1, and nothing is refunded', async () => {
    const paid = await b.paidOrder({ amount: 10_000 });
    const bad = await run('refund', 'create', '--order', paid.id, '--amount', '12.5', '--reason', 'r');
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include('amount: must be a positive integer (fen)');
    const over = await run('refund', 'create', '--order', paid.id, '--amount', '10001', '--reason', 'r');
    expect(over.exitCode).to.equal(1);
    expect(over.stderr).to.include('amount: must be at most 10000');
    expect(await b.deps.db('refunds')).to.deep.equal([]);
  });

  it('when the order or the refund does not exist, then exit 1 saying so', async () => {
    expect((await run('refund', 'create', '--order', 'ord_none', '--amount', '1', '--reason', 'r')).stderr).to.include(
      'order ord_none not found',
    );
    const show = await run('refund', 'show', 'rfd_none');
    expect(show.exitCode).to.equal(1);
    expect(show.stderr).to.include('refund rfd_none not found');
  });
});
