import { expect } from 'chai';
import { isUniqueViolation } from '../../../src/store/unique-violation';
import type { SettlementBatchRow } from '../../../src/store/settlement-rows';
import { createTestDeps, type TestDeps, describeEachStore } from '../../helpers/test-db';
import { insertMerchant } from '../../settlement/settlement-fixture';

describeEachStore('store/settlement-repository (the append-only journal)', () => {
  let deps: TestDeps;
  let batch: SettlementBatchRow;
  beforeEach(async () => {
    deps = await createTestDeps();
    const merchantId = await insertMerchant(deps.db, 'Acme');
    batch = {
      id: 'stl_1',
      merchant_id: merchantId,
      settlement_date: '2026-03-02',
      business_date: '2026-03-01',
      gross: 100,
      refunds: 0,
      transaction_fees: 0,
      communication_fees: 0,
      annual_fees: 0,
      opening_fees: 0,
      net: 100,
      created_at: '2026-03-02T00:00:00.000Z',
    };
    await deps.store.settlements.insertBatch(batch);
  });
  afterEach(() => deps.db.destroy());

  const entry = (batchId: string) => ({
    batch_id: batchId,
    merchant_id: batch.merchant_id,
    source_kind: 'payment' as const,
    source_id: 'pat_1',
    debit_account: 'acquirer_clearing',
    credit_account: 'merchant_payable',
    amount: 100,
    order_id: null,
    occurred_at: '2026-03-01T01:00:00.000Z',
    memo: 'debit card payment',
  });

  it('when an item is journaled a second time, even in another batch, then the store refuses it', async () => {
    await deps.store.settlements.insertEntries([entry('stl_1')]);
    await deps.store.settlements.insertBatch({ ...batch, id: 'stl_2', settlement_date: '2026-03-03' });
    const err = await deps.store.settlements.insertEntries([entry('stl_2')]).catch((e: unknown) => e);
    expect(isUniqueViolation(err, 'source_id')).to.equal(true);
    expect(await deps.store.settlements.entriesOf('stl_2')).to.deep.equal([]);
  });

  it('when a merchant’s date is closed twice, then the store refuses the second batch', async () => {
    const err = await deps.store.settlements.insertBatch({ ...batch, id: 'stl_3' }).catch((e: unknown) => e);
    expect(isUniqueViolation(err, 'settlement_date')).to.equal(true);
  });
});
