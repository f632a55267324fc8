import type { FeePlanRow } from '../store/settlement-rows';
import type { FeePlan } from './fee-plan-schema';

export function feePlanFromRow(row: FeePlanRow): FeePlan {
  return {
    openingFee: row.opening_fee,
    annualFeePerAccount: row.annual_fee_per_account,
    settlementAccounts: row.settlement_accounts,
    debitRateBps: row.debit_rate_bps,
    debitMinFee: row.debit_min_fee,
    debitMaxFee: row.debit_max_fee,
    creditRateBps: row.credit_rate_bps,
    creditMinFee: row.credit_min_fee,
    creditMaxFee: row.credit_max_fee,
    inboundPerMinute: row.inbound_per_minute,
    outboundPerMinute: row.outbound_per_minute,
    startsOn: row.starts_on,
  };
}

export function feePlanToRow(merchantId: string, plan: FeePlan, nowIso: string): FeePlanRow {
  return {
    merchant_id: merchantId,
    opening_fee: plan.openingFee,
    annual_fee_per_account: plan.annualFeePerAccount,
    settlement_accounts: plan.settlementAccounts,
    debit_rate_bps: plan.debitRateBps,
    debit_min_fee: plan.debitMinFee,
    debit_max_fee: plan.debitMaxFee,
    credit_rate_bps: plan.creditRateBps,
    credit_min_fee: plan.creditMinFee,
    credit_max_fee: plan.creditMaxFee,
    inbound_per_minute: plan.inboundPerMinute,
    outbound_per_minute: plan.outboundPerMinute,
    starts_on: plan.startsOn,
    created_at: nowIso,
    updated_at: nowIso,
  };
}
