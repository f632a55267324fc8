import { expect } from 'chai';
import { KnexTimeoutError, type Knex } from 'knex';
import { openPostgres } from '../../src/store/postgres-connection';
import { isStoreUnavailable } from '../../src/store/store-unavailable';
import { currentTestStore, describeOnPostgres } from '../helpers/test-stores';

/** An error as pg and Node raise them: a message and a code. */
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('store/store-unavailable', () => {
  const unavailable: [string, unknown][] = [
    ['a refused connection (the server is down)', coded('connect ECONNREFUSED 127.0.0.1:54329', 'ECONNREFUSED')],
    ['a reset connection', coded('read ECONNRESET', 'ECONNRESET')],
    ['57P01 admin_shutdown (a fast stop)', coded('terminating connection due to administrator command', '57P01')],
    ['57P02 crash_shutdown', coded('terminating connection because of crash of another server process', '57P02')],
    ['57P03 cannot_connect_now (starting up)', coded('the database system is starting up', '57P03')],
    ['53300 too_many_connections', coded('sorry, too many clients already', '53300')],
    ['class 08, connection_failure', coded('connection failure', '08006')],
    [
      'pg’s terminated connection, after the SQL knex prefixes',
      new Error('insert into "orders" … - Connection terminated unexpectedly'),
    ],
    ['pg’s closed client', new Error('select 1 - Client has encountered a connection error and is not queryable')],
    ['knex’s acquire timeout', new KnexTimeoutError('Knex: Timeout acquiring a connection. The pool is probably full.')],
    [
      'every address of a name refused',
      Object.assign(new AggregateError([coded('a', 'ECONNREFUSED'), coded('b', 'ECONNREFUSED')], 'connect failed')),
    ],
  ];
  for (const [what, err] of unavailable) {
    it(`when the error is ${what}, then the store is unavailable`, () => {
      expect(isStoreUnavailable(err)).to.equal(true);
    });
  }

  const other: [string, unknown][] = [
    ['a unique violation', coded('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', coded('syntax error at or near "selec"', '42601')],
    ['57014 query_canceled (a statement timeout, not the server’s absence)', coded('canceling statement', '57014')],
    ['SQLite’s constraint failure', coded('UNIQUE constraint failed: orders.pay_code', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain error', new Error('disk on fire')],
    ['not an Error', { code: 'ECONNREFUSED' }],
    ['an aggregate of one refused and one other', new AggregateError([coded('a', 'ECONNREFUSED'), new Error('b')], 'x')],
    ['an empty aggregate', new AggregateError([], 'x')],
  ];
  for (const [what, err] of other) {
    it(`when the error is ${what}, then it is not the store’s absence`, () => {
      expect(isStoreUnavailable(err)).to.equal(false);
    });
  }

  it('when nothing listens where the store is, then opening it fails as unavailable', async () => {
    const err = await openPostgres('postgres://ivrpay:x@127.0.0.1:1/ivrpay').then(
      () => expect.fail('should not open'),
      (e: unknown) => e,
    );
    expect(isStoreUnavailable(err)).to.equal(true);
  });
});

describeOnPostgres('store/store-unavailable on a real server', () => {
  let db: Knex;
  let other: Knex;
  beforeEach(async () => {
    const store = currentTestStore();
    if (store.kind !== 'postgres') throw new Error('describeOnPostgres runs on PostgreSQL');
    db = await openPostgres(store.url, { poolMax: 2 });
    other = await openPostgres(store.url, { poolMax: 2 });
  });
  afterEach(async () => {
    await db.destroy();
    await other.destroy();
  });

  it('when the server terminates the session under a transaction, then the error is unavailable, and the pool serves the next query on a new session', async () => {
    const err = await db
      .transaction(async (trx) => {
        const { rows } = await trx.raw<{ rows: { pid: number }[] }>('select pg_backend_pid() as pid');
        await other.raw('select pg_terminate_backend(?)', [rows[0].pid]);
        await trx.raw('select 1');
      })
      .then(
        () => expect.fail('the terminated session should fail'),
        (e: unknown) => e,
      );
    expect(isStoreUnavailable(err), String(err)).to.equal(true);
    const { rows } = await db.raw<{ rows: { one: number }[] }>('select 1 as one');
    expect(rows).to.deep.equal([{ one: 1 }]);
  });
});
