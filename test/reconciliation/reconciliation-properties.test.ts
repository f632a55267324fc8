import { expect } from 'chai';
import fc from 'fast-check';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import type { LedgerEntry } from '../../sandbox-acquirer/sandbox-ledger';
import { acquirerFile, DAY, reconciliationDay } from './reconciliation-fixtures';

const STATES: AttemptState[] = ['approved', 'unknown', 'unknown_manual', 'declined', 'not_found'];
/** One payment of a random day: its state, whether the file has it, and whether the file changed its amount. */
const payment = fc.record({ state: fc.constantFrom(...STATES), inFile: fc.boolean(), amountChanged: fc.boolean() });

describe('reconciliation: properties over random days', () => {
  it('when a random day is reconciled twice, then one item per line, unknowns settled by the file, the same report, one order.paid each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payment, { maxLength: 8 }), fc.integer({ min: 0, max: 2 }), async (payments, extraLines) => {
        const day = await reconciliationDay();
        try {
          const lines: LedgerEntry[] = [];
          const made: Awaited<ReturnType<typeof day.payment>>[] = [];
          for (const p of payments) {
            const m = await day.payment(p.state);
            made.push(m);
            if (p.inFile) lines.push(p.amountChanged ? { ...m.line, amountFen: m.line.amountFen + 1 } : m.line);
          }
          // Money we never recorded: lines like a payment's, under an orderId and serial of nobody's.
          const template = made[0]?.line;
          for (let i = 0; template && i < extraLines; i++)
            lines.push({ ...template, orderId: `EXTRA${i}0000000`, queryId: `9${i}` });
          acquirerFile(lines);

          const first = await day.service().run(DAY);
          const second = await day.service().run(DAY);

          const lineItems = first.items.filter((i) => i.line_no !== null);
          expect(lineItems.map((i) => i.line_no)).to.deep.equal(lines.map((_, i) => i + 1));
          const strip = (items: typeof first.items) => items.map(({ id: _id, ...rest }) => rest);
          expect(strip(second.items)).to.deep.equal(strip(first.items));
          for (const [i, p] of payments.entries()) {
            const row = (await day.db('payment_attempts').where({ id: made[i].attemptId }).first())!;
            if (p.state === 'unknown' || p.state === 'unknown_manual')
              expect(row.state).to.equal(p.inFile && p.amountChanged ? p.state : p.inFile ? 'approved' : 'not_found');
            else expect(row.state).to.equal(p.state);
          }
          const paidByRun = payments.filter(
            (p) => (p.state === 'unknown' || p.state === 'unknown_manual') && p.inFile && !p.amountChanged,
          );
          expect(await day.db('notifications').where({ type: 'order.paid' })).to.have.length(paidByRun.length);
        } finally {
          await day.db.destroy();
        }
      }),
      { numRuns: 25 },
    );
  });
});
