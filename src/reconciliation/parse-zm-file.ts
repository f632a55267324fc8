import { ReconciliationFileError } from './reconciliation-file-error';
import { dayBefore } from './settlement-window';
import { ZM_FIELDS, ZM_LINE_LENGTH, ZM_OFFSETS } from './zm-layout';
import type { ZmRecord } from './zm-record';

export interface ZmExpectation {
  /** The configured acquirer merId: every line must be this merchant's. */
  merId: string;
  /** YYYYMMDD, the settlement date asked for. */
  settleDate: string;
  /** HHmmss, Beijing: when the acquirer closes a day (settlement-window.ts); 240000 for calendar days. */
  cutoff: string;
}

/**
 * Reads a whole ZM file (zm-layout.ts) or refuses it with the first bad line's number: a wrong length, a field
 * not separated by its space, non-digits where digits belong, a bad D/C sign, a line of another merchant, or a
 * transmission time outside the settlement day (from the cut-off of the day before to the day's own: a file of
 * another date, which would otherwise settle this date's unknowns as not charged). Widths are bytes: the file is read
 * as latin1, one character a byte. An empty file is a day without transactions. Pure: a refused file changes nothing.
 */
export function parseZmFile(text: string, expect: ZmExpectation): ZmRecord[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  const inDay = dayCheck(expect.settleDate, expect.cutoff);
  return lines.map((line, i) => parseLine(line, i + 1, expect.merId, inDay));
}

function parseLine(line: string, lineNo: number, merId: string, inDay: (mmddhhmmss: string) => boolean): ZmRecord {
  const fail = (message: string): never => {
    throw new ReconciliationFileError(message, lineNo);
  };
  if (line.length !== ZM_LINE_LENGTH && line.length !== ZM_LINE_LENGTH - 1)
    fail(`is ${line.length} characters, a ZM line has ${ZM_LINE_LENGTH}`);
  for (const f of ZM_FIELDS.slice(0, -1)) {
    const at = (ZM_OFFSETS.get(f.name)?.start ?? 0) + f.width;
    if (line[at] !== ' ') fail(`no separating space after ${f.name} (column ${at + 1})`);
  }
  const field = (name: string): string => {
    const o = ZM_OFFSETS.get(name);
    if (!o) throw new Error(`no ZM field ${name}`);
    return line.slice(o.start, o.start + o.width).trim();
  };
  const digits = (name: string, width?: number): string => {
    const v = field(name);
    if (!/^\d+$/.test(v) || (width !== undefined && v.length !== width)) fail(`${name} must be ${width ?? 'some'} digits`);
    return v;
  };
  const signed = (name: string): number => {
    const v = field(name);
    const m = /^([DC])(\d{12})$/.exec(v);
    if (!m) return fail(`${name} must be D or C and 12 digits`);
    return (m[1] === 'D' ? -1 : 1) * Number(m[2]);
  };

  const record: ZmRecord = {
    lineNo,
    txnType: digits('txnType', 2),
    queryId: field('queryId'),
    orderId: field('orderId'),
    origQryId: field('origQryId'),
    transmissionTime: digits('txnTime', 10),
    cardMasked: masked(field('payCardNo'), fail),
    amount: Number(digits('txnAmt', 12)),
    // Seen from the merchant: a D fee is one it pays, so the fee is the negated sign (0 − keeps a zero fee +0).
    fee: 0 - signed('merCharge'),
    settleAmount: signed('settleAmt'),
    merId: digits('merId', 15),
  };
  if (!/^[A-Za-z0-9]{1,21}$/.test(record.queryId)) fail('queryId must be letters and digits');
  if (!/^[A-Za-z0-9]{1,32}$/.test(record.orderId)) fail('orderId must be letters and digits');
  if (record.merId !== merId) fail(`merId ${record.merId} is not this merchant's (${merId}): the file is another merchant's`);
  if (!inDay(record.transmissionTime))
    fail(`transmission time ${record.transmissionTime} is outside the settlement date: the file is of another date`);
  return record;
}

/** Keeps BIN+last4 at most: a number the acquirer sent unmasked is masked here, before anything stores it. */
function masked(pan: string, fail: (m: string) => never): string {
  if (pan === '') return '';
  if (!/^[0-9*]{12,19}$/.test(pan)) return fail('payCardNo must be digits and *');
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

/** Whether a MMDDhhmmss falls from the cut-off of the day before the settlement date to the date's own cut-off. */
function dayCheck(settleDate: string, cutoff: string): (mmddhhmmss: string) => boolean {
  if (!/^\d{8}$/.test(settleDate)) throw new ReconciliationFileError(`settlement date ${settleDate} is not YYYYMMDD`);
  const day = settleDate.slice(4);
  const before = dayBefore(settleDate).slice(4);
  return (t) => (t.slice(0, 4) === day && t.slice(4) < cutoff) || (t.slice(0, 4) === before && t.slice(4) >= cutoff);
}
