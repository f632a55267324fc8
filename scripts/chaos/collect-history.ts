import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerEntry } from '../../sandbox-acquirer/sandbox-ledger';
import type { History } from './history';
import type { Delivery } from './merchant-endpoint';

export interface RunFiles {
  /** Everything the run wrote is under it: the store (with -wal and -shm), logs, the acquirer's ledger and traffic. */
  dir: string;
  sqliteFile: string;
  logFile: string;
  ledgerFile: string;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : fallback;
}

/** Attempt ids of the service's `payment_unresolved` alerts (src/payment: the unknown_manual flag). */
function alertedAttempts(logFile: string): string[] {
  if (!fs.existsSync(logFile)) return [];
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"payment_unresolved"'))
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { alert?: string; attemptId?: string };
        return entry.alert === 'payment_unresolved' && entry.attemptId ? [entry.attemptId] : [];
      } catch {
        // A line cut short by SIGKILL is no alert the operator could have read.
        return [];
      }
    });
}

/** The history of a finished run (its service stopped or dead), read from what it left. */
export function collectHistory(
  files: RunFiles,
  acquirer: { consumesReceived: Record<string, number> },
  merchant: { deliveries: Delivery[]; webhookSecret: string },
): History {
  const db = new Database(files.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const ledger = readJson<LedgerEntry[]>(files.ledgerFile, []);
    return {
      ledger: ledger.map((e) => ({ orderId: e.orderId, txnType: e.txnType, respCode: e.respCode, amountFen: e.amountFen })),
      consumesReceived: acquirer.consumesReceived,
      orders: db.prepare('select id, status, amount from orders').all() as History['orders'],
      attempts: db.prepare('select id, order_id as orderId, state from payment_attempts').all() as History['attempts'],
      events: db.prepare('select id, order_id as orderId, type from notifications').all() as History['events'],
      deliveries: merchant.deliveries,
      webhookSecret: merchant.webhookSecret,
      alertedAttempts: alertedAttempts(files.logFile),
      written: [
        ...filesUnder(files.dir).map((file) => ({
          name: path.relative(files.dir, file),
          text: fs.readFileSync(file).toString('latin1'),
        })),
        ...merchant.deliveries.map((d, i) => ({ name: `merchant delivery ${i + 1}`, text: d.body })),
      ],
    };
  } finally {
    db.close();
  }
}
