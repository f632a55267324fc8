/** Rows of migration 004 (callback mode), as SQLite returns them. */

import type { MerchantRow } from './rows';

export type CallbackState = 'scheduled' | 'dialing' | 'done' | 'unreachable' | 'cancelled';

export const CALLBACK_STATES: readonly CallbackState[] = ['scheduled', 'dialing', 'done', 'unreachable', 'cancelled'];

export interface CallbackRow {
  id: string;
  order_id: string;
  phone: string;
  state: CallbackState;
  call_after: string | null;
  next_call_at: string;
  attempts_made: number;
  locked_until: string | null;
  lease_token: string | null;
  /** The node whose dialer last claimed it (migration 018): while `dialing`, the node holding its lease. */
  claimed_by: string | null;
  last_outcome: string | null;
  /** The Asterisk server (host:port) its last call was placed on; null before the first, or rows older than it. */
  asterisk_server: string | null;
  created_at: string;
  updated_at: string;
}

export interface CallbackAttemptRow {
  id: string;
  callback_id: string;
  order_id: string;
  started_at: string;
  ended_at: string | null;
  outcome: string;
  cause: number | null;
  dial_status: string | null;
  duration_ms: number | null;
  /** The Asterisk server (host:port) the call was placed on. */
  asterisk_server: string | null;
}

export type SmsStatus = 'queued' | 'sent' | 'failed';

export interface SmsRow {
  id: string;
  order_id: string;
  to: string;
  text: string;
  status: SmsStatus;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  lease_token: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** The merchant's callback settings (migration 004); null columns take the defaults. */
export type MerchantCallbackColumns = Pick<
  MerchantRow,
  'callback_retry_delays' | 'callback_hours_start' | 'callback_hours_end' | 'callback_time_zone'
>;
