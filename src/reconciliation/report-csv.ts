import type { ReconciliationItemRow } from '../store/reconciliation-rows';

/** The report's columns, in the order a spreadsheet shows them (CSV and the CLI table alike). */
export const REPORT_COLUMNS = [
  'line_no',
  'kind',
  'txn_type',
  'query_id',
  'acquirer_order_id',
  'file_amount',
  'fee',
  'card_masked',
  'record_type',
  'record_id',
  'our_amount',
  'our_state',
  'resolution',
  'note',
] as const satisfies readonly (keyof ReconciliationItemRow)[];

/**
 * The items as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break), UTF-8 with a BOM
 * so a spreadsheet opens it as UTF-8. A field starting with = + - @ is prefixed with ' so no spreadsheet runs it.
 */
export function reportCsv(items: readonly ReconciliationItemRow[]): string {
  const rows = [REPORT_COLUMNS.join(','), ...items.map((i) => REPORT_COLUMNS.map((c) => cell(i[c])).join(','))];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
