import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../src/store/migrations/010-merchant-language';
import { describeEachStore, openTestDb } from '../../helpers/test-db';

const NOW = '2026-03-01T08:00:00.000Z';

async function columns(db: Knex, table: string): Promise<string[]> {
  return Object.keys(await db(table).columnInfo());
}

describeEachStore('store/migrations/010-merchant-language', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openTestDb();
    await db('merchants').insert({
      id: 'mch_1',
      name: 'Acme',
      api_key_hash: 'h',
      api_key_prefix: 'p',
      created_at: NOW,
      language: 'en',
    });
    await db('orders').insert({
      id: 'ord_1',
      merchant_id: 'mch_1',
      merchant_order_id: 'A1',
      amount: 100,
      currency: 'CNY',
      mode: 'inbound',
      status: 'created',
      pay_code: '583920',
      expires_at: NOW,
      language: 'zh',
      created_at: NOW,
      updated_at: NOW,
    });
  });
  afterEach(() => db.destroy());

  it('when migrated, then merchants and orders keep a language, null unless set', async () => {
    await db('merchants').insert({ id: 'mch_2', name: 'Other', api_key_hash: 'h2', api_key_prefix: 'p2', created_at: NOW });
    expect(await db('merchants').orderBy('id').pluck('language')).to.deep.equal(['en', null]);
    expect(await db('orders').pluck('language')).to.deep.equal(['zh']);
  });

  it('when rolled back and migrated again, then the columns go and come back empty, and every row stays', async () => {
    await down(db);
    expect(await columns(db, 'merchants')).not.to.include('language');
    expect(await columns(db, 'orders')).not.to.include('language');
    expect(await db('orders').pluck('id')).to.deep.equal(['ord_1']);

    await up(db);
    expect(await db('merchants').pluck('language')).to.deep.equal([null]);
    expect(await db('orders').select('id', 'pay_code', 'language')).to.deep.equal([
      { id: 'ord_1', pay_code: '583920', language: null },
    ]);
  });
});
