import { expect } from 'chai';
import fc from 'fast-check';
import { createFeeService } from '../../src/fees/fee-service';
import { transactionFee } from '../../src/fees/fee-rules';
import { ACCOUNTS } from '../../src/settlement/journal-accounts';
import { createSettlementService } from '../../src/settlement/settlement-service';
import type { SettlementView } from '../../src/settlement/settlement-view';
import { createTestDeps, dumpAllTables, type TestDeps } from '../helpers/test-db';
import { insertLeg, insertMerchant, insertPayment, insertRefund } from './settlement-fixture';

// Issue 11 §4: the money invariants, over random days through the real settlement code on a real SQLite store.
// Bounded run counts keep the unit suite fast.

const DAY1 = Date.parse('2026-02-28T16:00:00.000Z'); // business day 2026-03-01 starts (Beijing)
const DAY_MS = 86_400_000;
const at = (offsetMs: number) => new Date(DAY1 + offsetMs).toISOString();

const refundArb = fc.record({
  // Per mille of the payment; their sum is capped at the payment below, as the refund feature caps it.
  share: fc.integer({ min: 1, max: 1000 }),
  kind: fc.constantFrom('cancel' as const, 'refund' as const),
  state: fc.constantFrom('succeeded' as const, 'failed' as const, 'unknown' as const, 'pending' as const),
  offset: fc.integer({ min: 0, max: 2 * DAY_MS - 1 }),
});

const paymentArb = fc.record({
  amount: fc.integer({ min: 1, max: 5_000_000 }),
  cardKind: fc.constantFrom('debit' as const, 'credit' as const),
  state: fc.constantFrom(
    'approved' as const,
    'approved' as const,
    'declined' as const,
    'unknown' as const,
    'unknown_manual' as const,
    'not_found' as const,
  ),
  // Resolved on day 1 or day 2 (late: lands in the next batch).
  offset: fc.integer({ min: 0, max: 2 * DAY_MS - 1 }),
  refunds: fc.array(refundArb, { maxLength: 3 }),
});

const legArb = fc.record({
  direction: fc.constantFrom('inbound' as const, 'outbound' as const),
  offset: fc.integer({ min: 0, max: 2 * DAY_MS - 3_600_000 }),
  answerAfterMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
  talkMs: fc.integer({ min: 0, max: 1_800_000 }),
});

const rateArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
  .map(([rateBps, a, b]) => ({ rateBps, minFee: Math.min(a, b), maxFee: Math.max(a, b) }));

const planArb = fc.option(
  fc.record({
    openingFee: fc.integer({ min: 0, max: 100_000 }),
    annualFeePerAccount: fc.integer({ min: 0, max: 100_000 }),
    settlementAccounts: fc.integer({ min: 1, max: 5 }),
    debit: rateArb,
    credit: rateArb,
    inboundPerMinute: fc.integer({ min: 0, max: 100 }),
    outboundPerMinute: fc.integer({ min: 0, max: 100 }),
    startsOn: fc.constantFrom('2025-03-01', '2026-03-01', '2026-03-02', '2026-06-01'),
  }),
  { nil: undefined },
);

const dayArb = fc.record({
  payments: fc.array(paymentArb, { maxLength: 12 }),
  legs: fc.array(legArb, { maxLength: 6 }),
  plan: planArb,
});

type Day = typeof dayArb extends fc.Arbitrary<infer T> ? T : never;

async function build(deps: TestDeps, merchantId: string, day: Day): Promise<void> {
  if (day.plan) {
    const { debit, credit, ...rest } = day.plan;
    await createFeeService(deps).setPlan(merchantId, {
      ...rest,
      debitRateBps: debit.rateBps,
      debitMinFee: debit.minFee,
      debitMaxFee: debit.maxFee,
      creditRateBps: credit.rateBps,
      creditMinFee: credit.minFee,
      creditMaxFee: credit.maxFee,
    });
  }
  for (const p of day.payments) {
    const final = !p.state.startsWith('unknown');
    const ids = await insertPayment(deps.db, { merchantId, ...p, resolvedAt: final ? at(p.offset) : null });
    if (p.state !== 'approved') continue;
    let left = p.amount;
    for (const r of p.refunds) {
      const amount = Math.min(left, Math.max(1, Math.floor((p.amount * r.share) / 1000)));
      if (amount <= 0) break;
      if (r.state !== 'failed') left -= amount;
      // A refund never resolves before its payment.
      const resolvedAt = r.state === 'succeeded' || r.state === 'failed' ? at(Math.max(p.offset, r.offset)) : null;
      await insertRefund(deps.db, { merchantId, ...ids, amount, kind: r.kind, state: r.state, resolvedAt });
    }
  }
  for (const leg of day.legs) {
    const answered = leg.answerAfterMs === undefined ? null : leg.offset + leg.answerAfterMs;
    await insertLeg(deps.db, {
      merchantId,
      direction: leg.direction,
      startedAt: at(leg.offset),
      answeredAt: answered === null ? null : at(answered),
      endedAt: at((answered ?? leg.offset + 30_000) + leg.talkMs),
    });
  }
}

interface Entry {
  batch_id: string;
  source_kind: string;
  source_id: string;
  order_id: string | null;
  debit_account: string;
  credit_account: string;
  amount: number;
}

function checkBatch(batch: SettlementView, entries: Entry[]): void {
  const lines = entries.filter((e) => e.batch_id === batch.id);
  const sum = (kind: string) => lines.filter((l) => l.source_kind === kind).reduce((t, l) => t + l.amount, 0);
  // Lines sum to the totals.
  expect(sum('payment')).to.equal(batch.gross);
  expect(sum('refund')).to.equal(batch.refunds);
  expect(sum('transaction_fee')).to.equal(batch.fees.transaction);
  expect(sum('communication_fee')).to.equal(batch.fees.communication);
  expect(sum('annual_fee')).to.equal(batch.fees.annualService);
  expect(sum('opening_fee')).to.equal(batch.fees.opening);
  // net = gross − refunds − fees.
  const fees = batch.fees.transaction + batch.fees.communication + batch.fees.annualService + batch.fees.opening;
  expect(batch.fees.total).to.equal(fees);
  expect(batch.net).to.equal(batch.gross - batch.refunds - fees);
  // No amount negative; the journal balances: what each account is debited, another is credited.
  for (const l of lines) {
    expect(l.amount).to.be.at.least(0);
    expect(l.debit_account).to.not.equal(l.credit_account);
  }
  const balance = new Map<string, number>();
  for (const l of lines) {
    balance.set(l.debit_account, (balance.get(l.debit_account) ?? 0) + l.amount);
    balance.set(l.credit_account, (balance.get(l.credit_account) ?? 0) - l.amount);
  }
  expect([...balance.values()].reduce((t, v) => t + v, 0)).to.equal(0);
  expect(-(balance.get(ACCOUNTS.merchantPayable) ?? 0)).to.equal(batch.net);
}

describe('settlement invariants (property tests)', function () {
  this.timeout(60_000);

  it('when random days are settled twice, then every money invariant holds and the re-run changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(dayArb, async (day) => {
        const deps = await createTestDeps(new Date(DAY1 + 3 * DAY_MS + 3_600_000));
        try {
          const merchantId = await insertMerchant(deps.db, '测试商户, "甲"');
          await build(deps, merchantId, day);
          const settlement = createSettlementService({ ...deps, settings: { delayDays: 1 } });
          const batches = [...(await settlement.run('2026-03-02')), ...(await settlement.run('2026-03-03'))];
          const before = await dumpAllTables(deps.db);
          expect(await settlement.run('2026-03-02')).to.deep.equal(batches.slice(0, 1));
          expect(await settlement.run('2026-03-03')).to.deep.equal(batches.slice(1));
          expect(await dumpAllTables(deps.db)).to.deep.equal(before);

          const entries: Entry[] = await deps.db('settlement_entries');
          for (const batch of batches) checkBatch(batch, entries);

          // Every payment final and approved by the end of day 2, and every succeeded refund, journaled exactly once.
          const approved = (await deps.db('payment_attempts').where({ state: 'approved' })) as { id: string }[];
          const paid = entries.filter((e) => e.source_kind === 'payment').map((e) => e.source_id);
          expect(paid).to.have.members(approved.map((a) => a.id));
          const succeeded = (await deps.db('refunds').where({ state: 'succeeded' })) as { id: string }[];
          expect(entries.filter((e) => e.source_kind === 'refund').map((e) => e.source_id)).to.have.members(
            succeeded.map((r) => r.id),
          );

          // Refunds never exceed payments, order by order.
          const byOrder = new Map<string, number>();
          for (const e of entries) {
            if (e.source_kind === 'payment') byOrder.set(e.order_id!, (byOrder.get(e.order_id!) ?? 0) + e.amount);
            if (e.source_kind === 'refund') byOrder.set(e.order_id!, (byOrder.get(e.order_id!) ?? 0) - e.amount);
          }
          for (const left of byOrder.values()) expect(left).to.be.at.least(0);
        } finally {
          await deps.db.destroy();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('when any plan is applied to any payment, then its fee is within [min, max] and never negative', () => {
    fc.assert(
      fc.property(paymentArb, rateArb, (payment, rule) => {
        const fee = transactionFee(payment.amount, rule);
        expect(fee).to.be.within(rule.minFee, rule.maxFee);
        expect(Number.isInteger(fee)).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });
});
