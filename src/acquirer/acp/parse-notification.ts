import type { AcpFields } from './acp-fields';
import { decodeForm } from './form-codec';
import { parseTxnTime } from './txn-time';
import { verifyAcpMessage, type AcpTrust, type AcpVerdict } from './verify-acp-message';

/** A verified notification (backUrl POST): the acquirer's word on one transaction. */
export interface AcpNotification {
  merId: string;
  /** The acquirer orderId (acpOrderIdOf of our attempt id). */
  orderId: string;
  txnTime: string;
  /** 01 consume, 31 cancel, 04 refund. */
  txnType: string;
  /** The transaction's code: 00 or A6 succeeded (transactionResult maps it). */
  respCode: string;
  /** The acquirer's serial; the same transaction always has the same one, so it is the dedupe key. */
  queryId: string;
  amountFen?: number;
  /** Our attempt id, echoed from the request. */
  attemptId?: string;
  origQryId?: string;
}

export type NotificationRejection = Exclude<AcpVerdict, 'ok'> | 'malformed' | 'wrong_merchant' | 'stale';

export type NotificationVerdict = { ok: true; notification: AcpNotification } | { ok: false; reason: NotificationRejection };

export interface NotificationCheck {
  trust: AcpTrust;
  /** Ours: a notification for another merchant number is not ours to apply. */
  merchantId: string;
  now: Date;
  /**
   * Oldest txnTime accepted (default 24 h): older is a replay. UnionPay resends for about 12
   * minutes, so a day leaves room for slow issuers without letting old captures back in.
   */
  maxAgeMs?: number;
  /** Clock skew allowed the other way (default 5 min). */
  maxAheadMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks a notification body as POSTed (form-encoded; strip nothing but our own query string,
 * which is not in the body). The chain and signature come first: nothing unverified is read.
 * A verified notification seen before (same queryId) is still `ok`: applying it must be idempotent.
 */
export function parseNotification(body: string, check: NotificationCheck): NotificationVerdict {
  let fields: AcpFields;
  try {
    fields = decodeForm(body);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const verdict = verifyAcpMessage(fields, check.trust, check.now);
  if (verdict !== 'ok') return { ok: false, reason: verdict };

  const { merId, orderId, txnTime, txnType, respCode, queryId } = fields;
  if (!merId || !orderId || !txnTime || !txnType || !respCode || !queryId) return { ok: false, reason: 'malformed' };
  if (merId !== check.merchantId) return { ok: false, reason: 'wrong_merchant' };
  let at: Date;
  try {
    at = parseTxnTime(txnTime);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const age = check.now.getTime() - at.getTime();
  if (age > (check.maxAgeMs ?? DAY_MS) || -age > (check.maxAheadMs ?? 5 * 60 * 1000)) return { ok: false, reason: 'stale' };

  const amount = fields.txnAmt === undefined ? undefined : Number(fields.txnAmt);
  if (amount !== undefined && !Number.isSafeInteger(amount)) return { ok: false, reason: 'malformed' };
  return {
    ok: true,
    notification: {
      merId,
      orderId,
      txnTime,
      txnType,
      respCode,
      queryId,
      ...(amount !== undefined ? { amountFen: amount } : {}),
      ...(fields.reqReserved ? { attemptId: fields.reqReserved } : {}),
      ...(fields.origQryId ? { origQryId: fields.origQryId } : {}),
    },
  };
}
