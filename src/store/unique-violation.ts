/** True when `err` is a unique-constraint failure (SQLite or PostgreSQL) involving `column`. */
export function isUniqueViolation(err: unknown, column: string): boolean {
  if (!(err instanceof Error)) return false;
  // knex puts the SQL before SQLite's text, so only the columns after "failed:" count.
  const sqlite = /UNIQUE constraint failed: (.+)$/.exec(err.message);
  if (sqlite) return sqlite[1].split(', ').some((c) => c.endsWith(`.${column}`));
  const pg = err as { code?: string; constraint?: string };
  return pg.code === '23505' && (pg.constraint ?? '').includes(column);
}
