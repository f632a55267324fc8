import type { AcquirerNotificationRow } from '../payment-rows';
import type { Source } from '../source';

/** The `acquirer_notifications` table: the acquirer's notifications applied, by their serial (queryId). */
export interface AcquirerNotificationRepository {
  /** Keeps the notification; false when one with its queryId was kept before (nothing written then). */
  insertOnce(row: AcquirerNotificationRow): Promise<boolean>;
}

export function createAcquirerNotificationRepository(db: Source): AcquirerNotificationRepository {
  return {
    async insertOnce(row) {
      // ON CONFLICT DO NOTHING rather than a caught unique violation: it runs inside the notification's transaction,
      // which a failed statement would abort on PostgreSQL.
      const kept = await db.table('acquirer_notifications').insert(row).onConflict('query_id').ignore().returning('query_id');
      return kept.length > 0;
    },
  };
}
