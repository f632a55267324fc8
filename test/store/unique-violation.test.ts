import { expect } from 'chai';
import type { Knex } from 'knex';
import { createStore } from '../../src/store/store';
import { isUniqueViolation } from '../../src/store/unique-violation';
import { describeEachStore, openTestDb } from '../helpers/test-db';

const AT = '2026-03-01T08:00:00.000Z';

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail('the insert should have failed'),
    (err: unknown) => err,
  );
}

describeEachStore('store/unique-violation (exactly-once keys on both stores)', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
    await db('merchants').insert({ id: 'mch_1', name: 'Acme', api_key_hash: 'h', api_key_prefix: 'p', created_at: AT });
  });
  afterEach(() => db.destroy());

  it('when an Idempotency-Key is claimed twice, then the second fails as a violation of that key only', async () => {
    const keys = createStore(db).idempotencyKeys;
    const claim = {
      merchant_id: 'mch_1',
      idempotency_key: 'k1',
      request_hash: 'h1',
      status: 'in_flight' as const,
      created_at: AT,
    };
    await keys.insert(claim);
    const err = await failureOf(keys.insert({ ...claim, request_hash: 'h2' }));
    // A primary key: PostgreSQL names the constraint idempotency_keys_pkey, so the columns come from its detail.
    expect(isUniqueViolation(err, 'idempotency_key')).to.equal(true);
    expect(isUniqueViolation(err, 'request_hash')).to.equal(false);
    expect(isUniqueViolation(new Error('Key (idempotency_key)=(k1) already exists.'), 'idempotency_key')).to.equal(false);
  });

  it('when an acquirer notification comes again inside a transaction, then it is refused and the transaction still commits', async () => {
    const store = createStore(db);
    const row = { query_id: 'q1', attempt_id: 'att_1-1', txn_type: '01', resp_code: '00', received_at: AT };
    expect(await store.acquirerNotifications.insertOnce(row)).to.equal(true);

    const again = await store.transaction(async (tx) => {
      const first = await tx.acquirerNotifications.insertOnce({ ...row, resp_code: '05' });
      // A later statement of the same transaction: PostgreSQL would refuse it after a failed insert.
      await tx.banks.setStatus('ICBC', 'suspended', AT);
      return first;
    });

    expect(again).to.equal(false);
    expect(await db('acquirer_notifications').select('query_id', 'resp_code')).to.deep.equal([
      { query_id: 'q1', resp_code: '00' },
    ]);
    expect(await db('banks').pluck('code')).to.deep.equal(['ICBC']);
  });
});
