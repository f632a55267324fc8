import { expect } from 'chai';
import { settlementsCsv, statementLinesCsv } from '../../src/settlement/statement-csv';
import type { SettlementLineView, SettlementView } from '../../src/settlement/settlement-view';

const BOM = '\uFEFF';

const batch: SettlementView = {
  id: 'stl_1',
  merchantId: 'mer_1',
  merchantName: '=HYPERLINK("x") 商店',
  settlementDate: '2026-03-03',
  businessDate: '2026-03-02',
  gross: 30_000,
  refunds: 5_000,
  fees: { transaction: 120, communication: 30, annualService: 0, opening: 100, total: 250 },
  net: 24_750,
  createdAt: '2026-03-03T02:30:00.000Z',
};

describe('settlement/statement-csv', () => {
  it('when batches are written, then each is one quoted row under the header, with a BOM and CRLF, and a formula-like name is defused', () => {
    expect(settlementsCsv([batch])).to.equal(
      `${BOM}"settlement_id","merchant_id","merchant_name","settlement_date","business_date","gross_fen","refunds_fen",` +
        '"transaction_fees_fen","communication_fees_fen","annual_service_fees_fen","opening_fees_fen","fees_total_fen","net_fen"\r\n' +
        `"stl_1","mer_1","'=HYPERLINK(""x"") 商店","2026-03-03","2026-03-02","30000","5000","120","30","0","100","250","24750"\r\n`,
    );
  });

  it('when there are no batches, then only the header is written', () => {
    expect(settlementsCsv([]).split('\r\n')).to.have.length(2);
  });

  it('when journal lines are written, then each carries its batch, and a missing order id is an empty field', () => {
    const lines: SettlementLineView[] = [
      {
        kind: 'refund',
        sourceId: 'rfd_1',
        orderId: undefined,
        occurredAt: '2026-03-02T08:00:00.000Z',
        debit: 'merchant_payable',
        credit: 'cardholder',
        amount: 5_000,
        memo: '-5 yuan refund',
      },
    ];
    expect(statementLinesCsv({ ...batch, merchantName: 'Shop' }, lines)).to.equal(
      `${BOM}"settlement_id","merchant_name","settlement_date","kind","source_id","order_id","occurred_at","debit","credit","amount_fen","memo"\r\n` +
        `"stl_1","Shop","2026-03-03","refund","rfd_1","","2026-03-02T08:00:00.000Z","merchant_payable","cardholder","5000","'-5 yuan refund"\r\n`,
    );
  });

  it('when a field only contains a formula character later on, then it is left as it is', () => {
    expect(settlementsCsv([{ ...batch, merchantName: 'A=B+C' }])).to.include('"A=B+C"');
  });
});
