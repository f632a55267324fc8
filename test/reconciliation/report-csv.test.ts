import { expect } from 'chai';
import { REPORT_COLUMNS, reportCsv } from '../../src/reconciliation/report-csv';
import type { ReconciliationItemRow } from '../../src/store/reconciliation-rows';

const item = (changes: Partial<ReconciliationItemRow> = {}): ReconciliationItemRow => ({
  id: 1,
  settle_date: '20260302',
  kind: 'matched',
  line_no: 3,
  txn_type: '01',
  query_id: 'Q1',
  acquirer_order_id: 'ACP1',
  file_amount: 1_000,
  fee: -6,
  card_masked: '621626*********0018',
  record_type: 'payment',
  record_id: 'att-1',
  our_amount: 1_000,
  our_state: 'approved',
  resolution: null,
  note: null,
  ...changes,
});

describe('reconciliation/report-csv', () => {
  it('when items are written, then a BOM, the header and one CRLF line each; empty fields stay empty and numbers plain', () => {
    expect(reportCsv([item()])).to.equal(
      `\uFEFF${REPORT_COLUMNS.join(',')}\r\n3,matched,01,Q1,ACP1,1000,-6,621626*********0018,payment,att-1,1000,approved,,\r\n`,
    );
  });

  it('when a text starts with = + - or @, then it is prefixed with a quote mark; a negative number is left a number', () => {
    for (const start of ['=', '+', '-', '@']) {
      const line = reportCsv([item({ note: `${start}SUM(A1)` })]).split('\r\n')[1];
      expect(line.endsWith(`,'${start}SUM(A1)`), start).to.equal(true);
    }
    expect(reportCsv([item({ note: 'a=b' })])).to.include(',a=b\r\n');
  });

  it('when a field holds a comma, a quote or a line break, then it is quoted with its quotes doubled', () => {
    expect(reportCsv([item({ note: 'paid, "twice"' })])).to.include(',"paid, ""twice"""\r\n');
    expect(reportCsv([item({ note: 'two\nlines' })])).to.include(',"two\nlines"\r\n');
    expect(reportCsv([item({ note: 'plain' })])).to.include(',plain\r\n');
  });
});
