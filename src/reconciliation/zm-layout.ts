/**
 * UnionPay's transaction-detail (流水, ZM) file, INN<yymmdd>88ZM_<merId>: its published fixed-width layout, written
 * once as data (docs/reference/unionpay-acp.md §8.6 has the same table). Every field has its width, in order; each
 * field is followed by one space, so a line is the widths plus one space per field: 567 + 41 = 608 characters, the
 * length of UnionPay's sample. A line whose trailing space was trimmed in transfer (607) is read the same.
 *
 * Amounts: `txnAmt` is 12 digits of fen; `merCharge` (fee) and `settleAmt` are 13 characters, `D` (the merchant
 * pays: debit) or `C` (the merchant is paid: credit) and 12 digits of fen.
 */
export interface ZmField {
  readonly name: string;
  readonly width: number;
  readonly meaning: string;
}

export const ZM_FIELDS: readonly ZmField[] = [
  { name: 'tradeNo', width: 3, meaning: '交易代码 transaction code' },
  { name: 'acqInsCode', width: 11, meaning: '代理机构标识码 acquirer institution' },
  { name: 'sendInsCode', width: 11, meaning: '发送机构标识码 sending institution' },
  { name: 'traceNo', width: 6, meaning: '系统跟踪号 trace number' },
  { name: 'txnTime', width: 10, meaning: '交易传输时间 transmission time, MMDDhhmmss Beijing' },
  { name: 'payCardNo', width: 19, meaning: '账号 card number, masked (first 6, last 4)' },
  { name: 'txnAmt', width: 12, meaning: '交易金额 amount, fen' },
  { name: 'merCatCode', width: 4, meaning: '商户类别 merchant category (MCC)' },
  { name: 'termType', width: 2, meaning: '终端类型 terminal type' },
  { name: 'queryId', width: 21, meaning: '查询流水号 the acquirer serial' },
  { name: 'oldPayType', width: 2, meaning: '支付方式（旧） payment method (old)' },
  { name: 'orderId', width: 32, meaning: '商户订单号 merchant order id' },
  { name: 'payCardType', width: 2, meaning: '支付卡类型 card type' },
  { name: 'origTradeSysTraceNo', width: 6, meaning: '原始交易的系统跟踪号 original trace number' },
  { name: 'origTradeTime', width: 10, meaning: '原始交易日期时间 original transmission time' },
  { name: 'merCharge', width: 13, meaning: '商户手续费 merchant fee, D/C + 12 digits fen' },
  { name: 'settleAmt', width: 13, meaning: '结算金额 settlement amount, D/C + 12 digits fen' },
  { name: 'payType', width: 4, meaning: '支付方式 payment method' },
  { name: 'groupMerCode', width: 15, meaning: '集团商户代码 group merchant' },
  { name: 'txnType', width: 2, meaning: '交易类型 ACP txnType: 01 consume, 31 cancel, 04 refund' },
  { name: 'txnSubType', width: 2, meaning: '交易子类 ACP txnSubType' },
  { name: 'bizType', width: 6, meaning: '业务类型 ACP bizType' },
  { name: 'accType', width: 2, meaning: '账号类型 account type' },
  { name: 'billType', width: 4, meaning: '账单类型 bill type' },
  { name: 'billNo', width: 32, meaning: '账单号码 bill number' },
  { name: 'interactMode', width: 1, meaning: '交互方式 interaction mode' },
  { name: 'origQryId', width: 21, meaning: '原交易查询流水号 the original consume serial' },
  { name: 'merId', width: 15, meaning: '商户代码 merchant id' },
  { name: 'accountType', width: 1, meaning: '分账入账方式 split-booking method' },
  { name: 'subMerId', width: 15, meaning: '二级商户代码 sub-merchant id' },
  { name: 'subMerAbbr', width: 32, meaning: '二级商户简称 sub-merchant name' },
  { name: 'subMerAcccountAmt', width: 13, meaning: '二级商户分账入账金额 sub-merchant booked amount' },
  { name: 'settleNetAmt', width: 13, meaning: '清算净额 net settlement' },
  { name: 'termId', width: 8, meaning: '终端号 terminal id' },
  { name: 'merReserved', width: 32, meaning: '商户自定义域 merchant reserved' },
  { name: 'discountAmt', width: 13, meaning: '优惠金额 discount' },
  { name: 'invoiceAmt', width: 13, meaning: '发票金额 invoice amount' },
  { name: 'insAdditionCharge', width: 12, meaning: '分期付款附加手续费 instalment fee' },
  { name: 'installmentNum', width: 2, meaning: '分期付款期数 instalments' },
  { name: 'tradeMedia', width: 1, meaning: '交易介质 medium' },
  { name: 'reserved', width: 131, meaning: '保留使用 reserved' },
];

/** One space after every field. */
export const ZM_LINE_LENGTH = ZM_FIELDS.reduce((sum, f) => sum + f.width + 1, 0);

/** Where each field starts in a line. */
export const ZM_OFFSETS: ReadonlyMap<string, { start: number; width: number }> = new Map(
  ZM_FIELDS.map((f, i) => [f.name, { start: ZM_FIELDS.slice(0, i).reduce((s, g) => s + g.width + 1, 0), width: f.width }]),
);

/** The file's name in the acquirer's zip and in RECONCILIATION_DIR: INN<yymmdd>88ZM_<merId>. */
export function zmFileName(settleDate: string, merId: string): string {
  return `INN${settleDate.slice(2)}88ZM_${merId}`;
}
