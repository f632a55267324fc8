import type { CallbackAttemptRow, CallbackRow, CallbackState } from '../store/callback-rows';

/** One dialled attempt: when, how it ended (hangup-cause.ts outcomes, or `paid`), and how long it took. */
export interface CallbackAttemptView {
  startedAt: string;
  endedAt?: string;
  outcome: string;
  /** Q.850 cause of the channel's end, when the trunk gave one. */
  cause?: number;
  durationSeconds?: number;
}

/** A callback order's dialling, as its merchant and admins see it. The phone is shown in full: it is not card data. */
export interface CallbackView {
  phone: string;
  state: CallbackState;
  callAfter?: string;
  /** While a call is still to come. */
  nextCallAt?: string;
  attemptsMade: number;
  attempts: CallbackAttemptView[];
}

function attemptView(row: CallbackAttemptRow): CallbackAttemptView {
  return {
    startedAt: row.started_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    outcome: row.outcome,
    ...(row.cause !== null && row.cause !== undefined ? { cause: Number(row.cause) } : {}),
    ...(row.duration_ms !== null && row.duration_ms !== undefined
      ? { durationSeconds: Math.round(Number(row.duration_ms) / 100) / 10 }
      : {}),
  };
}

export function toCallbackView(row: CallbackRow, attempts: CallbackAttemptRow[]): CallbackView {
  return {
    phone: row.phone,
    state: row.state,
    ...(row.call_after ? { callAfter: row.call_after } : {}),
    ...(row.state === 'scheduled' ? { nextCallAt: row.next_call_at } : {}),
    attemptsMade: Number(row.attempts_made),
    attempts: attempts.map(attemptView),
  };
}
