/** A row of the `notifications` outbox, as SQLite returns it (see migration 003). */
export interface NotificationRow {
  id: string;
  merchant_id: string;
  order_id: string;
  type: string;
  payload: string;
  url: string;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: string;
  give_up_at: string;
  locked_until: string | null;
  lease_token: string | null;
  delivered_at: string | null;
  last_error: string | null;
  created_at: string;
}

export type NotificationStatus = 'pending' | 'delivered' | 'failed';
