import fs from 'node:fs/promises';
import path from 'node:path';
import { ReconciliationFileError } from './reconciliation-file-error';
import { zmFileName } from './zm-layout';

/** A day's ZM file as fetched, its bytes as characters one for one (latin1), so widths are byte widths. */
export interface FetchedFile {
  source: 'acquirer' | 'dir' | 'file';
  name: string;
  text: string;
}

export interface FileSourceOptions {
  merId: string;
  /** An operator's file (--file): any name, but one of UnionPay's form must name this date and merchant. */
  file?: string;
  /** RECONCILIATION_DIR: where an operator drops INN<yymmdd>88ZM_<merId> (zm-layout.ts zmFileName). */
  dir?: string;
  /** The acquirer's file transfer (AcquirerPort.reconciliationFile), when the adapter has one. */
  download?(settleDate: string): Promise<{ name: string; content: Buffer } | undefined>;
}

const UNIONPAY_NAME = /^INN(\d{6})88ZM_(\d{15})$/;

/** The settlement date's file: --file, else RECONCILIATION_DIR, else the acquirer's file transfer. */
export async function fetchReconciliationFile(settleDate: string, opts: FileSourceOptions): Promise<FetchedFile> {
  if (opts.file) {
    checkName(path.basename(opts.file), settleDate, opts.merId);
    return { source: 'file', name: path.basename(opts.file), text: await read(opts.file) };
  }
  const name = zmFileName(settleDate, opts.merId);
  if (opts.dir) return { source: 'dir', name, text: await read(path.join(opts.dir, name)) };
  if (opts.download) {
    const got = await opts.download(settleDate);
    if (!got) throw new ReconciliationFileError(`the acquirer has no reconciliation file for ${settleDate}`);
    checkName(got.name, settleDate, opts.merId);
    return { source: 'acquirer', name: got.name, text: got.content.toString('latin1') };
  }
  throw new ReconciliationFileError(
    'no reconciliation file: give --file, set RECONCILIATION_DIR, or use an acquirer with file transfer',
  );
}

function checkName(name: string, settleDate: string, merId: string): void {
  const m = UNIONPAY_NAME.exec(name);
  if (!m) return;
  if (m[1] !== settleDate.slice(2)) throw new ReconciliationFileError(`${name} is the file of 20${m[1]}, not of ${settleDate}`);
  if (m[2] !== merId) throw new ReconciliationFileError(`${name} is merchant ${m[2]}'s file, not ${merId}'s`);
}

async function read(file: string): Promise<string> {
  try {
    return (await fs.readFile(file)).toString('latin1');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ReconciliationFileError(`no such file: ${file}`);
    throw err;
  }
}
