/** An operators row (migration 013): a console login. `password_hash` is scrypt's, with its salt and parameters. */
export interface OperatorRow {
  id: string;
  name: string;
  password_hash: string;
  password_set_at: string;
  created_at: string;
}
