import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createFeeService } from '../../src/fees/fee-service';
import { createSettlementService, type SettlementService } from '../../src/settlement/settlement-service';
import type { SettlementView } from '../../src/settlement/settlement-view';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';
import { insertLeg, insertMerchant, insertPayment, insertRefund } from './settlement-fixture';

// Business day 2026-03-01 in Beijing runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z; its T+1 batch is 2026-03-02.
const IN_DAY = '2026-03-01T02:00:00.000Z';
const NEXT_DAY = '2026-03-01T17:00:00.000Z';

describeEachStore('settlement/settlement-service', () => {
  let deps: TestDeps;
  let settlement: SettlementService;
  let merchantId: string;
  beforeEach(async () => {
    deps = await createTestDeps(new Date('2026-03-02T01:00:00.000Z'));
    settlement = createSettlementService({ ...deps, settings: { delayDays: 1 } });
    merchantId = await insertMerchant(deps.db, '北京测试商户');
    await createFeeService(deps).setPlan(merchantId, {
      startsOn: '2026-03-01',
      openingFee: 50_000,
      annualFeePerAccount: 30_000,
      settlementAccounts: 2,
      debitRateBps: 50,
      debitMinFee: 5,
      debitMaxFee: 2000,
      creditRateBps: 60,
      creditMinFee: 10,
      creditMaxFee: 3000,
      inboundPerMinute: 10,
      outboundPerMinute: 15,
    });
  });
  afterEach(() => deps.db.destroy());

  it('when a day is settled, then gross, refunds and fees by kind add up to the net and the lines to the totals', async () => {
    const debit = await insertPayment(deps.db, {
      merchantId,
      amount: 12_300,
      cardKind: 'debit',
      state: 'approved',
      resolvedAt: IN_DAY,
    });
    await insertPayment(deps.db, { merchantId, amount: 50_000, cardKind: 'credit', state: 'approved', resolvedAt: IN_DAY });
    await insertPayment(deps.db, { merchantId, amount: 70_000, cardKind: 'credit', state: 'declined', resolvedAt: IN_DAY });
    await insertPayment(deps.db, { merchantId, amount: 80_000, cardKind: 'debit', state: 'approved', resolvedAt: NEXT_DAY });
    await insertRefund(deps.db, { merchantId, ...debit, amount: 2_300, kind: 'refund', state: 'succeeded', resolvedAt: IN_DAY });
    // 61 s answered: 2 started minutes; the unanswered outbound leg bills nothing.
    await insertLeg(deps.db, {
      merchantId,
      direction: 'inbound',
      startedAt: IN_DAY,
      answeredAt: IN_DAY,
      endedAt: '2026-03-01T02:01:01.000Z',
    });
    await insertLeg(deps.db, {
      merchantId,
      direction: 'outbound',
      startedAt: IN_DAY,
      answeredAt: null,
      endedAt: '2026-03-01T02:00:30.000Z',
    });

    const [batch] = await settlement.run('2026-03-02');
    // 0.5% of 12 300 = 61.5 → 62; 0.6% of 50 000 = 300.
    expect(batch).to.deep.include({ settlementDate: '2026-03-02', businessDate: '2026-03-01', gross: 62_300, refunds: 2_300 });
    expect(batch.fees).to.deep.equal({
      transaction: 362,
      communication: 20,
      annualService: 60_000,
      opening: 50_000,
      total: 110_382,
    });
    expect(batch.net).to.equal(62_300 - 2_300 - 110_382);
    expect(batch.merchantName).to.equal('北京测试商户');

    const { lines } = await settlement.statement(batch.id, merchantId);
    expect(lines.map((l) => l.kind)).to.have.members([
      'payment',
      'transaction_fee',
      'payment',
      'transaction_fee',
      'refund',
      'communication_fee',
      'opening_fee',
      'annual_fee',
    ]);
  });

  it('when a day is run again, then nothing changes; an item final after the day lands in the next batch', async () => {
    await insertPayment(deps.db, { merchantId, amount: 10_000, cardKind: 'debit', state: 'approved', resolvedAt: IN_DAY });
    const [first] = await settlement.run('2026-03-02');
    const rows = await deps.db('settlement_entries').count({ n: '*' });
    // Late: an attempt of the 1st confirmed (resolved) only on the 2nd.
    await insertPayment(deps.db, { merchantId, amount: 7_000, cardKind: 'debit', state: 'approved', resolvedAt: NEXT_DAY });
    const [again] = await settlement.run('2026-03-02');
    expect(again).to.deep.equal(first);
    expect(await deps.db('settlement_entries').count({ n: '*' })).to.deep.equal(rows);

    deps.advance(86_400_000);
    const [next] = await settlement.run('2026-03-03');
    expect(next.gross).to.equal(7_000);
    expect(next.fees.opening).to.equal(0);
    expect(next.fees.annualService).to.equal(0);
  });

  it('when the daily job runs, then it closes today or, at T+0, yesterday: the latest day that is over', async () => {
    const dates = (batches: SettlementView[]) => batches.map((b) => [b.settlementDate, b.businessDate]);
    const sameDay = createSettlementService({ ...deps, settings: { delayDays: 0 } });
    expect(dates(await sameDay.runDue())).to.deep.equal([['2026-03-01', '2026-03-01']]);
    const t2 = createSettlementService({ ...deps, settings: { delayDays: 2 } });
    expect(dates(await t2.runDue())).to.deep.equal([['2026-03-02', '2026-02-28']]);
  });

  it('when another merchant asks for a statement, then not_found', async () => {
    const other = await insertMerchant(deps.db, 'Other');
    const [batch] = (await settlement.run('2026-03-02')).filter((b) => b.merchantId === merchantId);
    const err = await settlement.statement(batch.id, other).catch((e: unknown) => e as AppError);
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('not_found');
  });

  it('when the business day is not over in Beijing, or the date is malformed, then validation_failed names the date', async () => {
    for (const date of ['2026-03-03', '2026-3-2', '2026-02-30']) {
      const err = await settlement.run(date).catch((e: unknown) => e as AppError);
      expect((err as AppError).fields, date).to.have.property('date');
    }
    expect(await deps.db('settlement_batches').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
  });

  it('when the business day ends this very moment in Beijing, then it can be settled; a millisecond before, it cannot', async () => {
    // Business day 2026-03-01 ends at 2026-03-01T16:00:00.000Z (midnight in Beijing).
    const before = await createTestDeps(new Date('2026-03-01T15:59:59.999Z'));
    const early = await createSettlementService({ ...before, settings: { delayDays: 1 } })
      .run('2026-03-02')
      .catch((e: unknown) => e as AppError);
    expect(early).to.include({ code: 'validation_failed', message: 'that business day is not over yet' });
    await before.db.destroy();
    const atEnd = await createTestDeps(new Date('2026-03-01T16:00:00.000Z'));
    await insertMerchant(atEnd.db, 'At the end');
    const batches = await createSettlementService({ ...atEnd, settings: { delayDays: 1 } }).run('2026-03-02');
    expect(batches.map((b) => b.businessDate)).to.deep.equal(['2026-03-01']);
    await atEnd.db.destroy();
  });

  it('when batches are listed, then a date filter is checked and applied, and no filter lists them all', async () => {
    await settlement.run('2026-03-02');
    deps.advance(24 * 3_600_000);
    await settlement.run('2026-03-03');
    expect((await settlement.list({})).map((b) => b.settlementDate).sort()).to.deep.equal(['2026-03-02', '2026-03-03']);
    expect((await settlement.list({ date: '2026-03-03' })).map((b) => b.settlementDate)).to.deep.equal(['2026-03-03']);
    const err = await settlement.list({ date: '03/03/2026' }).catch((e: unknown) => e as AppError);
    expect(err).to.include({ code: 'validation_failed', message: 'invalid date' });
    expect((err as AppError).fields).to.deep.equal({ date: 'must be a date YYYY-MM-DD' });
  });

  it('when a statement is asked for an unknown id, then not_found says so; the merchant’s own statement names the merchant', async () => {
    const err = await settlement.statement('stl_nope', merchantId).catch((e: unknown) => e as AppError);
    expect(err).to.include({ code: 'not_found', message: 'no such settlement' });
    const [batch] = (await settlement.run('2026-03-02')).filter((b) => b.merchantId === merchantId);
    expect((await settlement.statement(batch.id, merchantId)).settlement.merchantName).to.equal('北京测试商户');
    expect((await settlement.list({})).find((b) => b.id === batch.id)?.merchantName).to.equal('北京测试商户');
  });
});
