import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { parseZmFile } from '../../src/reconciliation/parse-zm-file';
import { ZM_OFFSETS } from '../../src/reconciliation/zm-layout';
import { acquirerFile, DAY, MER_ID, reconciliationDay, type Day } from './reconciliation-fixtures';

describe('reconciliation/reconciliation-service: what a run records', () => {
  let day: Day;
  beforeEach(async () => {
    day = await reconciliationDay();
  });
  afterEach(() => day.db.destroy());

  it('when a day has a consume and a refund, then the run totals their fees and settlement amounts, signed', async () => {
    const paid = await day.payment('approved', { amount: 4_599 });
    const refund = await day.refund(paid.attemptId, paid.orderId, 'succeeded', 1_000);
    acquirerFile([paid.line, refund.line]);
    const lines = parseZmFile(reconciliationFile([paid.line, refund.line], DAY), {
      merId: MER_ID,
      settleDate: DAY,
      cutoff: '240000',
    });
    // The sandbox's 0.6 % fee on the consume, none on the refund; the refund is taken back from the settlement.
    expect(lines.map((l) => [l.fee, l.settleAmount])).to.deep.equal([
      [28, 4_571],
      [0, -1_000],
    ]);

    const { run } = await day.service().run(DAY);

    expect(run).to.include({ fee_total: 28, settle_total: 3_571, line_count: 2 });
  });

  it('when the file has bytes beyond ASCII, then its fingerprint is the SHA-256 of the bytes as received', async () => {
    const paid = await day.payment('approved');
    const reserved = ZM_OFFSETS.get('reserved')!;
    const file = reconciliationFile([paid.line], DAY);
    const text = file.slice(0, reserved.start) + '\u00e9' + file.slice(reserved.start + 1);
    acquirerFile(text);

    const { run } = await day.service().run(DAY);

    expect(run.file_sha256).to.equal(createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex'));
  });

  it('when a payment was sent the evening before, after the cut-off, then the date’s run looks at it', async () => {
    const late = await day.payment('approved');
    await day.db('payment_attempts').where({ id: late.attemptId }).update({ txn_time: '20260301233000' });
    acquirerFile([]);

    const report = await day.service({ cutoff: '230000' }).run(DAY);

    expect(report.items.map((i) => `${i.kind}:${i.record_id}`)).to.deep.equal([`ours_only:${late.attemptId}`]);
  });

  it('when an open attempt of an earlier date is in the file, then it is found by its state and settled paid', async () => {
    for (const state of ['sending', 'unknown', 'unknown_manual'] as const) {
      const open = await day.payment(state);
      await day.db('payment_attempts').where({ id: open.attemptId }).update({ txn_time: '20260225120000' });
      acquirerFile([open.line]);

      const report = await day.service().run(DAY);

      expect(
        report.items.map((i) => `${i.kind}:${i.record_id}:${i.resolution}`),
        state,
      ).to.deep.equal([`matched:${open.attemptId}:paid`]);
      const row = await day.db('payment_attempts').where({ id: open.attemptId }).first();
      // Settled as an approval notification would: the acquirer's serial and its success code.
      expect(row, state).to.include({ state: 'approved', acquirer_ref: open.line.queryId, response_code: '00' });
    }
  });
});
