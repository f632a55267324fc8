import type { CardKind } from '../../domain/card-kind';
import type { DeclineReason } from '../../call/decline-reason';

/**
 * What an ACP code says about a transaction (docs/reference/unionpay-acp.md §8.4). `code` is kept so callers
 * can record it.
 */
export type AcpOutcome =
  | { state: 'success'; code: string }
  | { state: 'pending'; code: string }
  | { state: 'failed'; code: string; declineReason: DeclineReason };

const PENDING = new Set(['03', '04', '05']);

/**
 * The transaction's state from a notification's respCode or a query's origRespCode:
 * 00 and A6 (success with defects) succeeded, 03/04/05 undecided, anything else failed.
 */
export function transactionOutcome(code: string, kind: CardKind): AcpOutcome {
  if (code === '00' || code === 'A6') return { state: 'success', code };
  if (PENDING.has(code)) return { state: 'pending', code };
  return { state: 'failed', code, declineReason: declineReason(code, kind) };
}

/**
 * The synchronous answer to a consume: 00 means only "accepted" (wait for the notification or
 * query), 03/04/05 unknown (query), anything else a failure. A missing answer is not a code: the
 * caller treats a timeout as pending too.
 */
export function consumeAnswerOutcome(respCode: string, kind: CardKind): AcpOutcome {
  if (respCode === '00' || PENDING.has(respCode)) return { state: 'pending', code: respCode };
  return { state: 'failed', code: respCode, declineReason: declineReason(respCode, kind) };
}

/**
 * The answer to a query (00). Only respCode 00 carries the transaction's state (origRespCode);
 * 34 says the acquirer has no such transaction; any other respCode (03/04/05, 37 too many
 * queries, a format or signature error) says nothing about the transaction, so it stays pending:
 * a query must never make an unknown consume look failed, which would invite a second charge.
 */
export function queryAnswerOutcome(
  respCode: string,
  origRespCode: string | undefined,
  kind: CardKind,
): AcpOutcome | { state: 'not_found'; code: string } {
  if (respCode === '34') return { state: 'not_found', code: respCode };
  if (respCode !== '00' || origRespCode === undefined) return { state: 'pending', code: respCode };
  return transactionOutcome(origRespCode, kind);
}

/** Issuer codes (60–89) to the reasons the caller hears; everything else is a plain decline. */
export function declineReason(code: string, kind: CardKind): DeclineReason {
  switch (code) {
    case '61': // invalid card number
    case '62': // issuer does not support this merchant
    case '68': // card not supported
      return 'card_not_supported';
    case '64':
      return 'insufficient_funds';
    case '65': // "wrong PIN, expiry or CVN2": only the PIN is keyed on debit, only CVN2 and expiry on credit
      return kind === 'debit' ? 'wrong_pin' : 'wrong_cvn2_or_expiry';
    case '66':
      return 'id_mobile_mismatch';
    case '67':
      return 'too_many_pin_tries';
    case '72': // not enabled for 无卡支付
    case '77': // not enabled for authenticated payment
      return 'not_enabled_cnp';
    case '71': // SMS code (OTP) check failed
      return 'sms_code_wrong';
    case '73':
      return 'card_expired';
    default:
      return 'declined';
  }
}
