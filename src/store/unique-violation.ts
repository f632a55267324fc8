/** True when `err` is a unique-constraint failure (SQLite or PostgreSQL) involving `column`. */
export function isUniqueViolation(err: unknown, column: string): boolean {
  if (!(err instanceof Error)) return false;
  // knex puts the SQL before SQLite's text, so only the columns after "failed:" count.
  const sqlite = /UNIQUE constraint failed: (.+)$/.exec(err.message);
  if (sqlite) return sqlite[1].split(', ').some((c) => c.endsWith(`.${column}`));
  // PostgreSQL's 23505 names the columns in its detail ("Key (merchant_id, idempotency_key)=(…) already exists."):
  // the constraint's name does not always (a primary key's is <table>_pkey).
  const pg = err as { code?: string; detail?: string };
  if (pg.code !== '23505') return false;
  const columns = /^Key \((.+?)\)=/.exec(pg.detail ?? '');
  return columns !== null && columns[1].split(', ').some((c) => c.replace(/"/g, '') === column);
}
