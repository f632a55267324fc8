/**
 * How one originated callback attempt ended, before the call script ran or without a payment.
 * A paid call is not an outcome here: the order is then final and nothing is classified.
 */
export type DialOutcome = 'busy' | 'no_answer' | 'congestion' | 'invalid_number' | 'rejected' | 'answered_unpaid' | 'failed';

/** What is known about the channel's end; any subset (Local test channels may only give a Dial status). */
export interface ChannelEnd {
  /** Q.850 cause from ChannelDestroyed (not the soft-hangup bitmask of ChannelHangupRequest). */
  cause?: number;
  /** The last Dial event's dialstatus: BUSY, NOANSWER, CONGESTION, CHANUNAVAIL, ANSWER, … */
  dialStatus?: string;
  /** The channel reached Up (the cardholder picked up). */
  answered?: boolean;
}

const BY_CAUSE: ReadonlyMap<number, DialOutcome> = new Map<number, DialOutcome>([
  [17, 'busy'],
  [18, 'no_answer'],
  [19, 'no_answer'],
  [20, 'no_answer'],
  [27, 'congestion'],
  [34, 'congestion'],
  [38, 'congestion'],
  [41, 'congestion'],
  [42, 'congestion'],
  [44, 'congestion'],
  [1, 'invalid_number'],
  [3, 'invalid_number'],
  [22, 'invalid_number'],
  [28, 'invalid_number'],
  [21, 'rejected'],
]);

/**
 * CHANUNAVAIL comes from causes 3 and 20 or from a trunk that cannot be reached at all; without the cause
 * we cannot tell, so it is treated as temporary: a wrong retry costs a few calls, a wrong give-up loses a payment.
 */
const BY_DIAL_STATUS: ReadonlyMap<string, DialOutcome> = new Map<string, DialOutcome>([
  ['BUSY', 'busy'],
  ['NOANSWER', 'no_answer'],
  ['CONGESTION', 'congestion'],
  ['CHANUNAVAIL', 'congestion'],
  ['ANSWER', 'answered_unpaid'],
]);

/**
 * Classifies an attempt's end. The cause wins over the Dial status, because Asterisk maps every cause it does
 * not know to NOANSWER (so an unallocated number shows NOANSWER); the Dial status is used when the cause is
 * missing or says nothing (0 on the Local channel's ;1 half, 16 normal clearing).
 */
export function classifyChannelEnd(end: ChannelEnd): DialOutcome {
  if (end.answered) return 'answered_unpaid';
  const byCause = end.cause === undefined ? undefined : BY_CAUSE.get(end.cause);
  if (byCause !== undefined) return byCause;
  const byStatus = end.dialStatus === undefined ? undefined : BY_DIAL_STATUS.get(end.dialStatus.toUpperCase());
  return byStatus ?? 'failed';
}

/**
 * Only a number that does not exist or a callee who refuses ends the redialling. `failed` (an unknown cause,
 * e.g. 127 interworking or 58 bearer unavailable) is retried: it is often a transient trunk problem, and the
 * policy's few attempts bound the cost if it is not.
 */
export function isRetried(outcome: DialOutcome): boolean {
  return outcome !== 'invalid_number' && outcome !== 'rejected';
}
