import { shanghaiTimestamp } from '../src/domain/shanghai-timestamp';
import { SANDBOX_CUT_OFF, type LedgerEntry, type SandboxLedger } from './sandbox-ledger';
import { reversalScenarioOf } from './test-cards';

export interface ReversalRequest {
  merId: string;
  orderId: string;
  txnTime: string;
  /** 31 cancel, 04 refund. */
  txnType: '31' | '04';
  amountFen: number;
  origQryId: string;
}

/**
 * - 'answer': nothing recorded, answered `code` (12 duplicate, 33 over what is left, 34 no such consume, 39 after
 *   the cut-off, 63 refused);
 * - 'recorded': the reversal is in the ledger with its final code; `answerCode` is what the synchronous answer
 *   says (03 when it is left undecided), `slow` an answer held past our timeout.
 */
export type ReversalVerdict =
  | { kind: 'answer'; code: string }
  | { kind: 'recorded'; entry: LedgerEntry; original: LedgerEntry; answerCode: string; slow: boolean };

/** Whether a cancel of `original` is still taken at `now`: on its Beijing day, before the cut-off, not a late-booked card. */
function cancelAllowed(original: LedgerEntry, now: Date): boolean {
  if (reversalScenarioOf(original.maskedPan) === 'after_cut_off') return false;
  const beijing = shanghaiTimestamp(now);
  return beijing.slice(0, 8) === original.settleDate && beijing.slice(8, 12) < SANDBOX_CUT_OFF;
}

/**
 * A cancel or refund of a successful consume named by origQryId, decided as the sandbox's test cards say
 * (test-cards.ts, `reversal`): for at most what is left of the consume; a cancel for the whole amount only.
 * Shared by the sandbox server (ACP) and the in-process sandbox.
 */
export function decideReversal(ledger: SandboxLedger, request: ReversalRequest, now: Date): ReversalVerdict {
  if (ledger.hasOrder(request.merId, request.orderId)) return { kind: 'answer', code: '12' };
  const original = ledger.findByQueryId(request.origQryId);
  if (!original || original.merId !== request.merId || original.txnType !== '01' || original.respCode !== '00')
    return { kind: 'answer', code: '34' };
  const left = original.amountFen - (original.reversedFen ?? 0);
  const cancel = request.txnType === '31';
  const wrongAmount = cancel ? request.amountFen !== original.amountFen || left !== original.amountFen : request.amountFen > left;
  if (wrongAmount) return { kind: 'answer', code: '33' };
  if (cancel && !cancelAllowed(original, now)) return { kind: 'answer', code: '39' };
  const scenario = reversalScenarioOf(original.maskedPan);
  if (scenario === 'refused') return { kind: 'answer', code: '63' };

  const code = scenario === 'unknown' ? '03' : '00';
  const entry = ledger.record(
    {
      merId: request.merId,
      orderId: request.orderId,
      txnTime: request.txnTime,
      txnType: request.txnType,
      amountFen: request.amountFen,
      respCode: code,
      origQryId: original.queryId,
      ...(original.maskedPan ? { maskedPan: original.maskedPan } : {}),
    },
    now,
  );
  if (code === '00') ledger.addReversed(original.queryId, request.amountFen);
  return { kind: 'recorded', entry, original, answerCode: code, slow: scenario === 'timeout' };
}
