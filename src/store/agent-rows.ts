/** An agents row (migration 015): an agent page login of one merchant. `password_hash` is scrypt's. */
export interface AgentRow {
  id: string;
  merchant_id: string;
  name: string;
  extension: string;
  password_hash: string;
  password_set_at: string;
  created_at: string;
  disabled_at: string | null;
}
