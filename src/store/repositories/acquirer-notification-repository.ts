import type { AcquirerNotificationRow } from '../payment-rows';
import type { Source } from '../source';
import { isUniqueViolation } from '../unique-violation';

/** The `acquirer_notifications` table: the acquirer's notifications applied, by their serial (queryId). */
export interface AcquirerNotificationRepository {
  /** Keeps the notification; false when one with its queryId was kept before (nothing written then). */
  insertOnce(row: AcquirerNotificationRow): Promise<boolean>;
}

export function createAcquirerNotificationRepository(db: Source): AcquirerNotificationRepository {
  return {
    async insertOnce(row) {
      try {
        await db.table('acquirer_notifications').insert(row);
        return true;
      } catch (err) {
        if (isUniqueViolation(err, 'query_id')) return false;
        throw err;
      }
    },
  };
}
