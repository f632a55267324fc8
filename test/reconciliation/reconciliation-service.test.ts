import { expect } from 'chai';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { PAYABLE_STATUSES } from '../../src/domain/order-status';
import { ReconciliationFileError } from '../../src/reconciliation/reconciliation-file-error';
import { dumpAllTables } from '../helpers/test-db';
import { acquirerFile, DAY, reconciliationDay, type Day } from './reconciliation-fixtures';

function kinds(items: { kind: string; record_id: string | null; resolution: string | null }[]): string[] {
  return items.map((i) => `${i.kind}:${i.record_id ?? '-'}:${i.resolution ?? '-'}`);
}

async function refused(day: Day): Promise<ReconciliationFileError> {
  try {
    await day.service().run(DAY);
  } catch (err) {
    if (err instanceof ReconciliationFileError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('reconciliation/reconciliation-service', () => {
  let day: Day;
  beforeEach(async () => {
    day = await reconciliationDay();
  });
  afterEach(() => day.db.destroy());

  it('when a day has every case, then each line and each of ours gets its class, unknowns settle, and each discrepancy is alerted', async () => {
    const paid = await day.payment('approved');
    const unknownPaid = await day.payment('unknown');
    const unknownAbsent = await day.payment('unknown_manual');
    const oursOnly = await day.payment('approved');
    const wrongAmount = await day.payment('approved');
    const declined = await day.payment('declined');
    const extra = { ...paid.line, orderId: 'ZZ000000000000000001', queryId: '202603021200009999999' };
    acquirerFile([paid.line, unknownPaid.line, { ...wrongAmount.line, amountFen: 1 }, declined.line, extra]);

    const report = await day.service().run(DAY);

    expect(kinds(report.items)).to.have.members([
      `matched:${paid.attemptId}:-`,
      `matched:${unknownPaid.attemptId}:paid`,
      `amount_mismatch:${wrongAmount.attemptId}:-`,
      `state_mismatch:${declined.attemptId}:-`,
      'acquirer_only:-:-',
      `ours_only:${oursOnly.attemptId}:-`,
      `resolved:${unknownAbsent.attemptId}:not_charged`,
    ]);
    expect(report.run).to.include({ settle_date: DAY, line_count: 5, matched: 2, discrepancies: 4, resolved: 2, run_count: 1 });
    expect(day.alerts.map((a) => a.alert)).to.have.members([
      'reconciliation_amount_mismatch',
      'reconciliation_state_mismatch',
      'reconciliation_acquirer_only',
      'reconciliation_ours_only',
    ]);

    const attempt = async (id: string) => (await day.db('payment_attempts').where({ id }).first())!;
    const order = async (id: string) => (await day.db('orders').where({ id }).first())!;
    expect((await attempt(unknownPaid.attemptId)).state).to.equal('approved');
    expect((await order(unknownPaid.orderId)).status).to.equal('paid');
    expect(await day.db('notifications').where({ order_id: unknownPaid.orderId, type: 'order.paid' })).to.have.length(1);
    expect((await attempt(unknownAbsent.attemptId)).state).to.equal('not_found');
    expect(PAYABLE_STATUSES).to.include((await order(unknownAbsent.orderId)).status);
    expect(await day.store.paymentAttempts.hasUnresolved(unknownAbsent.orderId)).to.equal(false);
    expect((await attempt(declined.attemptId)).state).to.equal('declined');
  });

  it('when a date is run again, then the same report, one set of items, and no second order.paid', async () => {
    const unknownPaid = await day.payment('unknown');
    await day.payment('unknown_manual');
    await day.payment('approved');
    acquirerFile([unknownPaid.line]);
    const first = await day.service().run(DAY);
    day.advance(3_600_000);
    const second = await day.service().run(DAY);

    const strip = (items: typeof first.items) => items.map(({ id: _id, ...rest }) => rest);
    expect(strip(second.items)).to.deep.equal(strip(first.items));
    expect(second.run).to.include({
      run_count: 2,
      first_run_at: first.run.first_run_at,
      matched: 1,
      resolved: 2,
      discrepancies: 1,
    });
    expect(await day.db('reconciliation_items')).to.have.length(first.items.length);
    expect(await day.db('notifications').where({ type: 'order.paid' })).to.have.length(1);
    expect(await day.service().show(DAY)).to.deep.equal(second);
  });

  it('when the file is malformed at one line, then it is refused with that line, alerted, and nothing changes', async () => {
    const unknown = await day.payment('unknown');
    const good = await day.payment('approved');
    const lines = reconciliationFile([good.line, unknown.line], DAY);
    acquirerFile(
      lines
        .replace(/ D0000000000(\d\d) /, ' X0000000000$1 ')
        .split('\n')
        .slice(0, -1)
        .reverse()
        .join('\n') + '\n',
    );
    const before = await dumpAllTables(day.db);

    const err = await refused(day);

    expect(err.lineNo).to.equal(2);
    expect(err.message).to.equal('line 2: merCharge must be D or C and 12 digits');
    expect(await dumpAllTables(day.db)).to.deep.equal(before);
    expect(day.alerts.map((a) => a.alert)).to.deep.equal(['reconciliation_file_refused']);
  });

  it('when the file is another merchant’s, then it is refused and nothing changes', async () => {
    const unknown = await day.payment('unknown');
    acquirerFile([{ ...unknown.line, merId: '898000000000001' }]);
    expect((await refused(day)).message).to.match(/another merchant's/);
    expect((await day.db('payment_attempts').where({ id: unknown.attemptId }).first())?.state).to.equal('unknown');
    expect(await day.db('reconciliation_runs')).to.have.length(0);
  });

  it('when refunds are open, then the file settles them through the refund settler: present succeeded, absent failed', async () => {
    const paid = await day.payment('approved');
    const present = await day.refund(paid.attemptId, paid.orderId, 'unknown', 300);
    const absent = await day.refund(paid.attemptId, paid.orderId, 'pending', 200);
    const done = await day.refund(paid.attemptId, paid.orderId, 'succeeded', 100);
    acquirerFile([paid.line, present.line, done.line]);

    const report = await day.service().run(DAY);

    expect(day.settled).to.deep.equal([
      { refundId: present.id, succeeded: true, acquirerRef: present.line.queryId },
      { refundId: absent.id, succeeded: false },
    ]);
    expect(kinds(report.items)).to.have.members([
      `matched:${paid.attemptId}:-`,
      `matched:${present.id}:refund_succeeded`,
      `matched:${done.id}:-`,
      `resolved:${absent.id}:refund_failed`,
    ]);
  });

  it('when runs and items are stored, then they hold masked card numbers only (BIN and last four), never a full PAN', async () => {
    const unknown = await day.payment('unknown');
    acquirerFile([{ ...unknown.line, maskedPan: '6216261000000000018' }]);
    await day.service().run(DAY);
    const dump = await dumpAllTables(day.db);
    const text = JSON.stringify([dump.reconciliation_runs, dump.reconciliation_items]);
    expect(text).not.to.include('6216261000000000018');
    expect(dump.reconciliation_items.map((i) => i.card_masked)).to.deep.equal(['621626*********0018']);
  });
});

describe('reconciliation/reconciliation-service: which day, and what is not yet the file’s to decide', () => {
  let day: Day;
  beforeEach(async () => {
    day = await reconciliationDay();
  });
  afterEach(() => day.db.destroy());

  it('when the job runs, then it reconciles the Beijing date before today', async () => {
    // The fixture's clock: 2026-03-03T02:00Z, 10:00 in Beijing on 3 March.
    acquirerFile([]);
    expect((await day.service().runPreviousDay()).run.settle_date).to.equal('20260302');
  });

  it('when an unknown attempt was sent after the acquirer’s cut-off, then it is left for the next date’s file', async () => {
    const late = await day.payment('unknown');
    await day.db('payment_attempts').where({ id: late.attemptId }).update({ txn_time: '20260302233000' });
    acquirerFile([]);
    const report = await day.service({ cutoff: '230000' }).run(DAY);
    expect(report.items).to.deep.equal([]);
    expect((await day.db('payment_attempts').where({ id: late.attemptId }).first())?.state).to.equal('unknown');
  });

  it('when a refund is pending and young, then its own feature settles it: reconciliation leaves it alone', async () => {
    const paid = await day.payment('approved');
    const young = await day.refund(paid.attemptId, paid.orderId, 'pending', 100);
    await day.db('refunds').where({ id: young.id }).update({ created_at: day.now().toISOString() });
    acquirerFile([paid.line]);
    const report = await day.service().run(DAY);
    expect(report.items.map((i) => i.kind)).to.deep.equal(['matched']);
    expect(day.settled).to.deep.equal([]);
  });
});
