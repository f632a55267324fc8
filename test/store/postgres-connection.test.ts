import { expect } from 'chai';
import type { Knex } from 'knex';
import pino from 'pino';
import { createMerchantService } from '../../src/services/merchant-service';
import { openPostgres } from '../../src/store/postgres-connection';
import { createStore } from '../../src/store/store';
import { checkStoreWritable } from '../../src/store/store-writable';
import { describeEachStore, openTestDb } from '../helpers/test-db';

const AT = '2026-03-01T08:00:00.000Z';

/** What PostgreSQL types differently from SQLite (bigint, sums, counts, booleans) reaches the code the same on both. */
describeEachStore('store: rows read the same on both stores', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.destroy());

  it('when amounts, their sum and a count are read, then they are numbers, not text', async () => {
    const merchant = await createMerchantService({
      store: createStore(db),
      log: pino({ level: 'silent' }),
      now: () => new Date(AT),
    }).createMerchant('Acme');
    const order = (id: string, amount: number) => ({
      id,
      merchant_id: merchant.id,
      merchant_order_id: id,
      amount,
      currency: 'CNY' as const,
      mode: 'inbound' as const,
      status: 'created' as const,
      expires_at: AT,
      created_at: AT,
      updated_at: AT,
    });
    // 2^40 fen: past 32 bits, so a bigint column and a number in JavaScript.
    await db('orders').insert([order('o1', 1_099_511_627_776), order('o2', 5)]);

    expect(await db('orders').where({ id: 'o1' }).first()).to.include({ amount: 1_099_511_627_776, refund_reserved: 0 });
    expect(await db('orders').sum({ total: 'amount' }).count({ n: '*' }).first()).to.deep.equal({
      total: 1_099_511_627_781,
      n: 2,
    });
    expect(await createStore(db).orders.find('o2')).to.include({ amount: 5 });
  });

  it('when a merchant’s flags are read, then the service sees booleans (SQLite stores 0 and 1, PostgreSQL true and false)', async () => {
    const merchants = createMerchantService({ store: createStore(db), log: pino({ level: 'silent' }), now: () => new Date(AT) });
    const created = await merchants.createMerchant('Acme');
    const listed = (await merchants.listMerchants()).find((m) => m.id === created.id);
    expect(listed).to.include({ requireIdNumber: true, abandonedCallSms: false, confirmCard: false });
  });

  it('when readiness checks the store, then it takes writes', async () => {
    await checkStoreWritable(db);
  });
});

describe('store/postgres-connection', () => {
  it('when the server cannot be reached, then opening fails and leaves no pool behind', async () => {
    const err = await openPostgres('postgres://ivrpay:x@127.0.0.1:1/ivrpay').then(
      () => expect.fail('it should not open'),
      (e: { code?: string }) => e,
    );
    expect(err.code).to.equal('ECONNREFUSED');
  });
});
