import { expect } from 'chai';
import { settleOrphanDials, type OrphanDialDeps } from '../../src/callback/settle-orphan-dials';
import type { CallbackRow } from '../../src/store/callback-rows';
import { seedCallbacks } from '../helpers/seed-callbacks';
import { createTestDeps, describeEachStore, type TestDeps } from '../helpers/test-db';

// 10:00 in Shanghai: inside the default calling hours, so a retry is at the policy's +2 minutes.
const NOW = new Date('2026-03-02T02:00:00.000Z');
const REMINDERS = { maxPerOrder: 1, inboundNumber: '4008205588', signature: 'ivrpay' };

describeEachStore('callback/settle-orphan-dials', () => {
  let deps: TestDeps;
  let asked: string[];
  beforeEach(async () => {
    deps = await createTestDeps(NOW);
    asked = [];
  });
  afterEach(() => deps.db.destroy());

  /** Settling as a survivor would, 30 s after the dead node claimed the rows, with Asterisk having `up` channels. */
  function settle(rows: CallbackRow[], up: string[] = [], over: Partial<OrphanDialDeps> = {}) {
    return settleOrphanDials(
      {
        store: deps.store,
        log: deps.log,
        now: deps.now,
        reminders: REMINDERS,
        channelUp: (id) => {
          asked.push(id);
          return Promise.resolve(up.includes(id));
        },
        ...over,
      },
      rows,
    );
  }

  /** `n` callbacks claimed by node-a's dialer; `dialled` of them with an attempt placed. */
  async function claimed(n: number, dialled: number): Promise<{ rows: CallbackRow[]; attempts: string[] }> {
    await seedCallbacks(deps.store, n, NOW);
    const { rows } = await deps.store.callbacks.claimDue(NOW, 120_000, n, 'node-a');
    const attempts: string[] = [];
    for (const row of rows.slice(0, dialled)) {
      const id = `cba_${row.order_id}`;
      await deps.store.callbackAttempts.insert({
        id,
        callback_id: row.id,
        order_id: row.order_id,
        started_at: NOW.toISOString(),
        outcome: 'dialing',
      });
      attempts.push(id);
    }
    deps.advance(30_000);
    return { rows, attempts };
  }

  const callback = async (row: CallbackRow) => (await deps.db('callbacks').where({ id: row.id }).first())!;
  const attempt = async (id: string) => (await deps.db('callback_attempts').where({ id }).first())!;

  it('when a row was claimed but not dialled, then it is due again at once, its lease cleared, and Asterisk is not asked', async () => {
    const { rows } = await claimed(1, 0);
    expect(await settle(rows)).to.deep.equal({ released: 1, settled: 0, left: 0 });
    expect(await callback(rows[0])).to.include({ state: 'scheduled', next_call_at: rows[0].next_call_at, lease_token: null });
    expect(asked).to.deep.equal([]);
  });

  it('when a dialled call is gone, then its attempt ends interrupted now and the retry policy schedules the next call', async () => {
    const { rows, attempts } = await claimed(1, 1);
    expect(await settle(rows)).to.deep.equal({ released: 0, settled: 1, left: 0 });
    expect(asked).to.deep.equal([`cb-${attempts[0]}`]);
    expect(await attempt(attempts[0])).to.include({ outcome: 'interrupted', ended_at: '2026-03-02T02:00:30.000Z' });
    expect(Number((await attempt(attempts[0])).duration_ms)).to.equal(30_000);
    expect(await callback(rows[0])).to.include({
      state: 'scheduled',
      next_call_at: '2026-03-02T02:02:30.000Z',
      last_outcome: 'interrupted',
      lease_token: null,
    });
    expect(Number((await callback(rows[0])).attempts_made)).to.equal(1);
  });

  it('when a dialled call is still up, then nothing changes: no second call while the first may still ring', async () => {
    const { rows, attempts } = await claimed(1, 1);
    expect(await settle(rows, [`cb-${attempts[0]}`])).to.deep.equal({ released: 0, settled: 0, left: 1 });
    expect(await callback(rows[0])).to.include({ state: 'dialing', lease_token: rows[0].lease_token });
    expect(await attempt(attempts[0])).to.include({ outcome: 'dialing', ended_at: null });
  });

  it('when the order was paid in the call that is gone, then the attempt is paid and the callback done', async () => {
    const { rows, attempts } = await claimed(1, 1);
    await deps.db('orders').where({ id: rows[0].order_id }).update({ status: 'paid', pay_code: null });
    await settle(rows);
    expect(await attempt(attempts[0])).to.include({ outcome: 'paid' });
    expect(await callback(rows[0])).to.include({ state: 'done', last_outcome: 'paid' });
  });

  it('when two nodes settle the same rows at once, then each row is settled once and its attempt counted once', async () => {
    const { rows } = await claimed(4, 2);
    const [first, second] = await Promise.all([settle(rows), settle(rows)]);
    expect(first.released + second.released).to.equal(2);
    expect(first.settled + second.settled).to.equal(2);
    const states = await deps.db('callbacks').orderBy('id').select('state', 'attempts_made');
    expect(states.map((r) => [r.state, Number(r.attempts_made)]).sort()).to.deep.equal([
      ['scheduled', 0],
      ['scheduled', 0],
      ['scheduled', 1],
      ['scheduled', 1],
    ]);
  });

  it('when Asterisk cannot be asked, then it fails and the dialled row stays for the next look', async () => {
    const { rows } = await claimed(1, 1);
    const err = await settle(rows, [], { channelUp: () => Promise.reject(new Error('ARI down')) }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).to.equal('ARI down');
    expect(await callback(rows[0])).to.include({ state: 'dialing' });
  });

  it('when a row is no longer dialling (its own dialer finished it meanwhile), then it is left alone', async () => {
    const { rows } = await claimed(1, 0);
    expect(await settle([{ ...rows[0], state: 'scheduled' }])).to.deep.equal({ released: 0, settled: 0, left: 0 });
    expect(await callback(rows[0])).to.include({ state: 'dialing' });
  });
});
