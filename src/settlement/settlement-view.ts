import type { SettlementBatchRow, SettlementEntryRow } from '../store/settlement-rows';

/** A settlement statement's header, as the API and CLI show it. Amounts in fen. */
export interface SettlementView {
  id: string;
  merchantId: string;
  merchantName: string;
  settlementDate: string;
  businessDate: string;
  gross: number;
  refunds: number;
  fees: { transaction: number; communication: number; annualService: number; opening: number; total: number };
  net: number;
  createdAt: string;
}

export interface SettlementLineView {
  kind: SettlementEntryRow['source_kind'];
  sourceId: string;
  orderId?: string;
  occurredAt: string;
  debit: string;
  credit: string;
  amount: number;
  memo: string;
}

export function settlementView(row: SettlementBatchRow, merchantName: string): SettlementView {
  const fees = row.transaction_fees + row.communication_fees + row.annual_fees + row.opening_fees;
  return {
    id: row.id,
    merchantId: row.merchant_id,
    merchantName,
    settlementDate: row.settlement_date,
    businessDate: row.business_date,
    gross: row.gross,
    refunds: row.refunds,
    fees: {
      transaction: row.transaction_fees,
      communication: row.communication_fees,
      annualService: row.annual_fees,
      opening: row.opening_fees,
      total: fees,
    },
    net: row.net,
    createdAt: row.created_at,
  };
}

export function settlementLineView(row: SettlementEntryRow): SettlementLineView {
  return {
    kind: row.source_kind,
    sourceId: row.source_id,
    ...(row.order_id ? { orderId: row.order_id } : {}),
    occurredAt: row.occurred_at,
    debit: row.debit_account,
    credit: row.credit_account,
    amount: row.amount,
    memo: row.memo,
  };
}
