import type { CallbackAttemptRow } from '../callback-rows';
import type { Source } from '../source';
import type { NewRow } from '../tables';

/** How a dialled attempt ended. */
export type CallbackAttemptEnd = Pick<CallbackAttemptRow, 'ended_at' | 'outcome' | 'cause' | 'dial_status' | 'duration_ms'>;

/** The `callback_attempts` table: every dialled attempt of a callback. */
export interface CallbackAttemptRepository {
  insert(row: NewRow<CallbackAttemptRow>): Promise<void>;
  /** Oldest first. */
  listForOrders(orderIds: string[]): Promise<CallbackAttemptRow[]>;
  end(id: string, end: CallbackAttemptEnd): Promise<void>;
  /** The attempt of this callback that has not ended (its call placed or being placed), if any. */
  findOpen(callbackId: string): Promise<CallbackAttemptRow | undefined>;
  /** The open attempts of these callbacks end now as `interrupted` (their dialer stopped during the call). */
  interruptOpen(callbackIds: string[], nowIso: string): Promise<void>;
}

export function createCallbackAttemptRepository(db: Source): CallbackAttemptRepository {
  const attempts = () => db.table('callback_attempts');
  return {
    async insert(row) {
      await attempts().insert(row);
    },

    listForOrders: (orderIds) => attempts().whereIn('order_id', orderIds).orderBy('started_at').orderBy('id'),

    async end(id, end) {
      await attempts().where({ id }).update(end);
    },

    findOpen: (callbackId) =>
      attempts().where({ callback_id: callbackId }).whereNull('ended_at').orderBy('started_at', 'desc').first(),

    async interruptOpen(callbackIds, nowIso) {
      await attempts()
        .whereIn('callback_id', callbackIds)
        .whereNull('ended_at')
        .update({ ended_at: nowIso, outcome: 'interrupted' });
    },
  };
}
