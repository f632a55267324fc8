import type { Command } from 'commander';
import type { SettlementService } from '../settlement/settlement-service';
import type { SettlementView } from '../settlement/settlement-view';
import { statementLinesCsv } from '../settlement/statement-csv';
import type { AdminIo } from './admin-io';

const row = (s: SettlementView) => ({
  id: s.id,
  merchant: s.merchantName,
  date: s.settlementDate,
  businessDate: s.businessDate,
  gross: s.gross,
  refunds: s.refunds,
  fees: s.fees.total,
  net: s.net,
});
const COLUMNS: (keyof ReturnType<typeof row>)[] = ['id', 'merchant', 'date', 'businessDate', 'gross', 'refunds', 'fees', 'net'];

export function addSettlementCommands(program: Command, settlement: SettlementService, io: AdminIo): void {
  const command = program.command('settlement').description('daily settlement batches and statements (amounts in fen)');

  command
    .command('run')
    .description('close a settlement date for every merchant (a re-run changes nothing)')
    .requiredOption('--date <date>', 'settlement date YYYY-MM-DD; T+1 by default: it covers the day before (Beijing)')
    .option('--json', 'print JSON')
    .action(async (opts: { date: string; json?: boolean }) => {
      io.table((await settlement.run(opts.date)).map(row), COLUMNS, Boolean(opts.json));
    });

  command
    .command('list')
    .description('batches of a settlement date, or the latest')
    .option('--date <date>', 'settlement date YYYY-MM-DD')
    .option('--merchant <id>', 'one merchant only')
    .option('--json', 'print JSON')
    .action(async (opts: { date?: string; merchant?: string; json?: boolean }) => {
      const list = await settlement.list({ date: opts.date, merchantId: opts.merchant });
      io.table(list.map(row), COLUMNS, Boolean(opts.json));
    });

  command
    .command('show')
    .description('one statement with its journal lines')
    .argument('<id>', 'settlement id (stl_…)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (UTF-8 with BOM, CRLF), as the API serves it')
    .action(async (id: string, opts: { json?: boolean; csv?: boolean }) => {
      const statement = await settlement.statement(id);
      if (opts.csv) return io.out(statementLinesCsv(statement.settlement, statement.lines));
      if (opts.json) return io.json(statement);
      io.table([row(statement.settlement)], COLUMNS, false);
      io.out('\n');
      io.table(statement.lines, ['kind', 'sourceId', 'occurredAt', 'debit', 'credit', 'amount', 'memo'], false);
    });
}
