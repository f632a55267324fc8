import type { SettlementLineView, SettlementView } from './settlement-view';

// CSV that opens correctly in a spreadsheet (issue 11 §3): UTF-8 with a byte-order mark, so Excel reads Chinese
// merchant names as UTF-8; CRLF line ends (RFC 4180); every field quoted, quotes doubled. A text field starting
// with = + - @ gets a leading ' so a spreadsheet shows it instead of running it as a formula.

const BOM = '\uFEFF';

function field(value: string | number | undefined): string {
  if (typeof value === 'number') return `"${value}"`;
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csv(header: string[], rows: (string | number | undefined)[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

const FEE_HEADER = ['transaction_fees_fen', 'communication_fees_fen', 'annual_service_fees_fen', 'opening_fees_fen'];

/** The batches of a settlement date, one row each. Amounts in integer fen. */
export function settlementsCsv(settlements: SettlementView[]): string {
  return csv(
    [
      'settlement_id',
      'merchant_id',
      'merchant_name',
      'settlement_date',
      'business_date',
      'gross_fen',
      'refunds_fen',
      ...FEE_HEADER,
      'fees_total_fen',
      'net_fen',
    ],
    settlements.map((s) => [
      s.id,
      s.merchantId,
      s.merchantName,
      s.settlementDate,
      s.businessDate,
      s.gross,
      s.refunds,
      s.fees.transaction,
      s.fees.communication,
      s.fees.annualService,
      s.fees.opening,
      s.fees.total,
      s.net,
    ]),
  );
}

/** One statement's journal lines, each with its batch's identity so a row stands alone in a spreadsheet. */
export function statementLinesCsv(settlement: SettlementView, lines: SettlementLineView[]): string {
  return csv(
    [
      'settlement_id',
      'merchant_name',
      'settlement_date',
      'kind',
      'source_id',
      'order_id',
      'occurred_at',
      'debit',
      'credit',
      'amount_fen',
      'memo',
    ],
    lines.map((l) => [
      settlement.id,
      settlement.merchantName,
      settlement.settlementDate,
      l.kind,
      l.sourceId,
      l.orderId,
      l.occurredAt,
      l.debit,
      l.credit,
      l.amount,
      l.memo,
    ]),
  );
}
