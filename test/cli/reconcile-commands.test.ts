import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createOrderService } from '../../src/order/order-service';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { testOutputFile } from '../helpers/test-output';
import { DAY, MER_ID, reconciliationDay, type Day } from '../reconciliation/reconciliation-fixtures';

describe('cli/reconcile-commands', () => {
  let day: Day;
  let admin: AdminDeps;
  let dir: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    day = await reconciliationDay();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-recon-'));
    admin = {
      merchants: createMerchantService(day),
      orders: createOrderService({ ...day, defaultExpiresSeconds: 1800 }),
      banks: createBankService(day),
      reconciliation: day.service(),
    };
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await day.db.destroy();
  });

  async function fileOfDay(name = `INN26030288ZM_${MER_ID}`): Promise<{ file: string; attemptId: string }> {
    const unknown = await day.payment('unknown');
    const file = path.join(dir, name);
    fs.writeFileSync(file, reconciliationFile([unknown.line, { ...unknown.line, orderId: 'EXTRA0000001', queryId: '1' }], DAY));
    return { file, attemptId: unknown.attemptId };
  }

  it('when a date is run from a file, then a summary and a table; --json and --csv print the same items; show prints them again', async () => {
    const { file, attemptId } = await fileOfDay();
    const table = await run('reconcile', 'run', '--date', '2026-03-02', '--file', file);
    expect(table.exitCode, table.stderr).to.equal(0);
    expect(table.stdout).to.match(
      /^settlement date 20260302: INN26030288ZM_777290058110097 \(file\), 2 lines; 1 matched, 1 discrepancies, 1 settled/,
    );
    expect(table.stdout.split('\n')[1]).to.match(/^line_no\s+kind\s+txn_type\s+query_id/);
    expect(table.stdout).to.include(attemptId).and.include('acquirer_only');

    const json = JSON.parse((await run('reconcile', 'show', '--date', '2026-03-02', '--json')).stdout) as {
      run: { run_count: number };
      items: unknown[];
    };
    expect(json.run.run_count).to.equal(1);
    expect(json.items).to.have.length(2);

    const csv = (await run('reconcile', 'run', '--date', '2026-03-02', '--file', file, '--csv')).stdout;
    const rows = csv.split('\r\n');
    expect(rows[0]).to.equal(
      '\uFEFFline_no,kind,txn_type,query_id,acquirer_order_id,file_amount,fee,card_masked,record_type,record_id,our_amount,our_state,resolution,note',
    );
    expect(rows[1]).to.match(/^1,acquirer_only,01,1,EXTRA0000001,/);
    expect(rows[2])
      .to.match(/^2,matched,01,/)
      .and.include(',approved,paid,');
    expect(rows).to.have.length(4);
    // For the suite's closing card-data scan: the file and the reports hold masked numbers only.
    fs.writeFileSync(testOutputFile('reconciliation-report.csv'), csv);
    fs.writeFileSync(testOutputFile('reconciliation-report.txt'), table.stdout);
    fs.copyFileSync(file, testOutputFile(path.basename(file)));
  });

  it('when the file is bad, of another date, or the date is not a date, then exit 2 with the reason; no run, exit 1', async () => {
    const { file } = await fileOfDay();
    fs.writeFileSync(file, fs.readFileSync(file, 'latin1').replace(/\n$/, '').slice(0, -3) + '\n', 'latin1');
    const bad = await run('reconcile', 'run', '--date', '2026-03-02', '--file', file);
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.match(/^error: file refused: line 2: is 605 characters, a ZM line has 608/);

    const other = await fileOfDay(`INN26030388ZM_${MER_ID}`);
    const wrongDate = await run('reconcile', 'run', '--date', '2026-03-02', '--file', other.file);
    expect(wrongDate.exitCode).to.equal(2);
    expect(wrongDate.stderr).to.include('is the file of 20260303, not of 20260302');

    expect((await run('reconcile', 'run', '--date', '2026-02-30', '--file', file)).exitCode).to.equal(2);
    const none = await run('reconcile', 'show', '--date', '2026-03-02');
    expect(none.exitCode).to.equal(1);
    expect(none.stderr).to.equal('error: no reconciliation run for 2026-03-02\n');
  });
});
