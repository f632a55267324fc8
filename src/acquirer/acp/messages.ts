import type { CardData } from '../../call/card-data';
import { AcpError } from './acp-error';
import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from './acp-fields';
import { isAcpOrderId } from './acp-order-id';
import { cardFields, consumeCustomerInfo, type AcpHolder, type CardSecurity } from './card-fields';
import { parseTxnTime } from './txn-time';

/**
 * Unsigned ACP 5.1.0 back-end requests for 无跳转 payments (bizType 000301); sign them with
 * signFields (sign-string.ts). Pure apart from RSA padding randomness: no clock, no I/O.
 */
export interface AcpMerchant {
  /** 15 digits, issued by UnionPay. */
  merId: string;
  /** Our notification endpoint (backUrl). */
  backUrl: string;
}

/** (orderId, txnTime) names a transaction at the acquirer; both are persisted before sending. */
export interface AcpOrderRef {
  orderId: string;
  /** Beijing time, formatTxnTime. */
  txnTime: string;
}

export interface ConsumeInput extends AcpOrderRef {
  amountFen: number;
  card: CardData;
  holder: AcpHolder;
  /** Our attempt id, echoed in answers, notifications and the reconciliation file. Never card data. */
  reqReserved?: string;
}

/** Consume (txnType 01). The answer's 00 only means accepted: the notification or a query decides. */
export function buildConsume(merchant: AcpMerchant, input: ConsumeInput, security: CardSecurity): AcpFields {
  return {
    ...header(merchant, '01', '01', '000301'),
    ...orderFields(input, input.amountFen),
    ...optionalReqReserved(input.reqReserved),
    channelType: '07',
    currencyCode: '156',
    accType: '01',
    backUrl: merchant.backUrl,
    ...cardFields(input.card.pan, consumeCustomerInfo(input.card, input.holder, security), security),
  };
}

/** Send the SMS code for a consume (txnType 77, 02); the consume must reuse orderId, txnTime and amount. */
export function buildSmsCodeRequest(
  merchant: AcpMerchant,
  input: AcpOrderRef & { amountFen: number; pan: string; mobile: string },
  security: CardSecurity,
): AcpFields {
  return {
    ...header(merchant, '77', '02', '000301'),
    ...orderFields(input, input.amountFen),
    channelType: '07',
    currencyCode: '156',
    accType: '01',
    ...cardFields(input.pan, { phoneNo: input.mobile }, security),
  };
}

/** Query (txnType 00): the transaction's state is the answer's origRespCode. */
export function buildQuery(merchant: AcpMerchant, ref: AcpOrderRef): AcpFields {
  return { ...header(merchant, '00', '00', '000000'), ...orderFields(ref) };
}

/** Same-day cancel (31) of a consume, by its queryId; the amount must equal the consume's. */
export function buildCancel(merchant: AcpMerchant, input: AcpOrderRef & { amountFen: number; origQryId: string }): AcpFields {
  return reversal(merchant, '31', input);
}

/** Refund (04) of a settled consume, by its queryId; at most the consume's amount. */
export function buildRefund(merchant: AcpMerchant, input: AcpOrderRef & { amountFen: number; origQryId: string }): AcpFields {
  return reversal(merchant, '04', input);
}

function reversal(
  merchant: AcpMerchant,
  txnType: string,
  input: AcpOrderRef & { amountFen: number; origQryId: string },
): AcpFields {
  if (!/^[A-Za-z0-9]{1,32}$/.test(input.origQryId))
    throw new AcpError('acp_field_invalid', 'origQryId must be the consume queryId');
  return {
    ...header(merchant, txnType, '00', '000301'),
    ...orderFields(input, input.amountFen),
    channelType: '07',
    backUrl: merchant.backUrl,
    origQryId: input.origQryId,
  };
}

function header(merchant: AcpMerchant, txnType: string, txnSubType: string, bizType: string): AcpFields {
  if (!/^\d{15}$/.test(merchant.merId)) throw new AcpError('acp_field_invalid', 'merId must be 15 digits');
  const base = { version: ACP_VERSION, encoding: ACP_ENCODING, signMethod: ACP_SIGN_METHOD_RSA };
  return { ...base, txnType, txnSubType, bizType, accessType: '0', merId: merchant.merId };
}

function orderFields(ref: AcpOrderRef, amountFen?: number): AcpFields {
  if (!isAcpOrderId(ref.orderId)) throw new AcpError('acp_order_id_invalid', 'orderId must be 8–32 letters and digits');
  parseTxnTime(ref.txnTime);
  if (amountFen === undefined) return { orderId: ref.orderId, txnTime: ref.txnTime };
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new AcpError('acp_field_invalid', 'txnAmt must be a positive whole number of fen');
  return { orderId: ref.orderId, txnTime: ref.txnTime, txnAmt: String(amountFen) };
}

function optionalReqReserved(reqReserved: string | undefined): AcpFields {
  if (reqReserved === undefined) return {};
  // Echoed raw in the reconciliation file and in answers: keep it to characters needing no escaping.
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(reqReserved))
    throw new AcpError('acp_field_invalid', 'reqReserved must be letters, digits, _ or -');
  return { reqReserved };
}
