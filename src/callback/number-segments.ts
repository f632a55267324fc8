import { AppError } from '../domain/app-error';
import { validAreaCode } from '../domain/area-code';

/** 号段: the first 7 digits of a mobile → its home area code with the trunk 0 ('010', '0755'). */
export type SegmentTable = ReadonlyMap<string, string>;

const SEGMENT = /^1[3-9]\d{5}$/;
const MAX_PROBLEMS_SHOWN = 10;

/**
 * Loads a full segment table from CSV text: one `segment,areaCode` per line, `#` starts a comment,
 * blank lines and a `segment,areaCode` header are skipped. An area code may omit its 0 ('755'), as many
 * published tables do. A segment listed twice with different areas is an error, since one of them is wrong.
 * Throws `config_invalid` listing every bad line by number, so an operator fixes the file in one go.
 */
export function parseSegmentTable(csvText: string): SegmentTable {
  const table = new Map<string, string>();
  const seenOn = new Map<string, number>();
  const problems: string[] = [];
  let sawData = false;
  csvText.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const isFirstData = !sawData;
    sawData = true;
    if (isFirstData && /^segment\s*,\s*areacode$/i.test(line)) return;
    const problem = addLine(table, seenOn, line, lineNo);
    if (problem) problems.push(`line ${lineNo}: ${problem}`);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = problems.length - shown.length;
    throw new AppError('config_invalid', `invalid segment table:\n${shown.join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`);
  }
  if (table.size === 0) throw new AppError('config_invalid', 'invalid segment table: no segments found');
  return table;
}

/** The mobile's home area code, or undefined when its segment is not in the table. */
export function lookupSegment(table: SegmentTable, mobile: string): string | undefined {
  if (!/^1[3-9]\d{9}$/.test(mobile)) return undefined;
  return table.get(mobile.slice(0, 7));
}

function addLine(table: Map<string, string>, seenOn: Map<string, number>, line: string, lineNo: number): string | undefined {
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length !== 2) return 'expected "segment,areaCode"';
  const [segment, rawArea] = fields;
  if (!SEGMENT.test(segment)) return 'segment must be 7 digits starting with 13 to 19';
  const areaCode = rawArea.startsWith('0') ? rawArea : '0' + rawArea;
  if (!validAreaCode(areaCode)) return 'area code is not a mainland area code';
  const earlier = table.get(segment);
  if (earlier !== undefined && earlier !== areaCode) {
    return `segment ${segment} is already mapped to ${earlier} on line ${seenOn.get(segment)}`;
  }
  table.set(segment, areaCode);
  if (!seenOn.has(segment)) seenOn.set(segment, lineNo);
  return undefined;
}
