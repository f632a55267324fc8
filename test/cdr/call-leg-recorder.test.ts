import { expect } from 'chai';
import { createCallLegRecorder } from '../../src/cdr/call-leg-recorder';
import { runRecordedCall, runRecordedInboundCall } from '../../src/cdr/recorded-call';
import type { CallPort } from '../../src/call/call-port';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { insertMerchant, insertPayment } from '../settlement/settlement-fixture';

describe('cdr/call-leg-recorder and recorded-call', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  /** A call whose script answers after 5 s and talks for 65 s. */
  function fakeCall(id: string): CallPort {
    return {
      id,
      signal: new AbortController().signal,
      language: 'zh',
      answer: () => Promise.resolve(),
      play: () => Promise.resolve(),
      collect: () => Promise.resolve({ digits: '', reason: 'timeout' }),
      hangup: () => Promise.resolve(),
      handBack: () => Promise.resolve(),
    };
  }

  it('when an inbound call answers and ends, then its leg has start, answer, end, outcome and the order it held', async () => {
    const merchantId = await insertMerchant(deps.db, 'Acme');
    const { orderId } = await insertPayment(deps.db, {
      merchantId,
      amount: 100,
      cardKind: 'debit',
      state: 'approved',
      resolvedAt: null,
    });
    const legs = createCallLegRecorder(deps);
    const outcome = await runRecordedInboundCall(legs, fakeCall(`call-${orderId}`), deps.now, async (call) => {
      deps.advance(5_000);
      await call.answer();
      deps.advance(65_000);
      return 'paid';
    });
    expect(outcome).to.equal('paid');
    expect(
      await deps
        .db('call_legs')
        .where({ id: `call-${orderId}` })
        .first(),
    ).to.deep.equal({
      id: `call-${orderId}`,
      direction: 'inbound',
      merchant_id: merchantId,
      order_id: orderId,
      started_at: '2026-03-01T08:00:00.000Z',
      answered_at: '2026-03-01T08:00:05.000Z',
      ended_at: '2026-03-01T08:01:10.000Z',
      outcome: 'paid',
    });
  });

  it('when a script fails before answering, then the leg ends failed and unanswered, and the error reaches the caller', async () => {
    const legs = createCallLegRecorder(deps);
    const failing = runRecordedInboundCall(legs, fakeCall('ch-1'), deps.now, () => Promise.reject(new Error('store down')));
    await failing.then(
      () => expect.fail('should reject'),
      (err: Error) => expect(err.message).to.equal('store down'),
    );
    expect(await deps.db('call_legs').where({ id: 'ch-1' }).first()).to.include({
      answered_at: null,
      outcome: 'failed',
      merchant_id: null,
    });
  });

  it('when an outbound leg is recorded with its order, then it knows its merchant from the start; a repeated end changes nothing', async () => {
    const merchantId = await insertMerchant(deps.db, 'Acme');
    const { orderId } = await insertPayment(deps.db, {
      merchantId,
      amount: 100,
      cardKind: 'debit',
      state: 'approved',
      resolvedAt: null,
    });
    const legs = createCallLegRecorder(deps);
    await legs.started({ id: 'cba_1', direction: 'outbound', at: deps.now(), orderId });
    await legs.ended('cba_1', new Date('2026-03-01T08:00:40.000Z'), 'unanswered');
    await legs.ended('cba_1', new Date('2026-03-01T09:00:00.000Z'), 'answered');
    expect(await deps.db('call_legs').where({ id: 'cba_1' }).first()).to.include({
      merchant_id: merchantId,
      order_id: orderId,
      answered_at: null,
      ended_at: '2026-03-01T08:00:40.000Z',
      outcome: 'unanswered',
    });
  });

  it('when an answered callback channel runs its script, then the leg the dialer started gets its answer time', async () => {
    const legs = createCallLegRecorder(deps);
    await legs.started({ id: 'cba_2', direction: 'outbound', at: deps.now() });
    deps.advance(12_000);
    const outcome = await runRecordedCall(legs, fakeCall('cb-x'), { direction: 'outbound', attemptId: 'cba_2' }, deps.now, () =>
      Promise.resolve('declined' as const),
    );
    expect(outcome).to.equal('declined');
    expect(await deps.db('call_legs').where({ id: 'cba_2' }).first()).to.include({
      answered_at: '2026-03-01T08:00:12.000Z',
      ended_at: null,
    });
    expect(await deps.db('call_legs').where({ id: 'cb-x' }).first()).to.equal(undefined);
  });

  it('when the store fails, then recording logs and the call goes on', async () => {
    const legs = createCallLegRecorder(deps);
    await deps.db.destroy();
    await legs.started({ id: 'ch-2', direction: 'inbound', at: deps.now() });
    deps = await createTestDeps();
  });
});
