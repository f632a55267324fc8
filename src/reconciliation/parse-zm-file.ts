import { ReconciliationFileError } from './reconciliation-file-error';
import { ZM_FIELDS, ZM_LINE_LENGTH, ZM_OFFSETS } from './zm-layout';
import type { ZmRecord } from './zm-record';

export interface ZmExpectation {
  /** The configured acquirer merId: every line must be this merchant's. */
  merId: string;
  /** YYYYMMDD, the settlement date asked for. */
  settleDate: string;
}

/**
 * Reads a whole ZM file (zm-layout.ts) or refuses it with the first bad line's number: a wrong length, a field
 * not separated by its space, non-digits where digits belong, a bad D/C sign, a line of another merchant, or a
 * transmission time outside the settlement day and the day before it (UnionPay's day closes at 23:00 the evening
 * before). An empty file is a day without transactions. Pure: nothing is written, so a refused file changes nothing.
 */
export function parseZmFile(text: string, expect: ZmExpectation): ZmRecord[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  const days = acceptedDays(expect.settleDate);
  return lines.map((line, i) => parseLine(line, i + 1, expect.merId, days));
}

function parseLine(line: string, lineNo: number, merId: string, days: readonly string[]): ZmRecord {
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
    // Seen from the merchant: a D fee is one it pays, so the fee is the negated sign.
    fee: -signed('merCharge'),
    settleAmount: signed('settleAmt'),
    merId: digits('merId', 15),
  };
  if (!/^[A-Za-z0-9]{1,21}$/.test(record.queryId)) fail('queryId must be letters and digits');
  if (!/^[A-Za-z0-9]{1,32}$/.test(record.orderId)) fail('orderId must be letters and digits');
  if (record.merId !== merId) fail(`merId ${record.merId} is not this merchant's (${merId}): the file is another merchant's`);
  if (!days.includes(record.transmissionTime.slice(0, 4)))
    fail(`transmission time ${record.transmissionTime} is not of settlement date ${days[0]}: the file is of another date`);
  return record;
}

/** Keeps BIN+last4 at most: a number the acquirer sent unmasked is masked here, before anything stores it. */
function masked(pan: string, fail: (m: string) => never): string {
  if (pan === '') return '';
  if (!/^[0-9*]{12,19}$/.test(pan)) return fail('payCardNo must be digits and *');
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

/** MMDD of the settlement date and of the day before. */
function acceptedDays(settleDate: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(settleDate);
  if (!m) throw new ReconciliationFileError(`settlement date ${settleDate} is not YYYYMMDD`);
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const before = new Date(day.getTime() - 86_400_000);
  const mmdd = (d: Date) => `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return [mmdd(day), mmdd(before)];
}
