import Database from 'better-sqlite3';

/** Every page in one step: a single read transaction, so the copy is one moment of the database. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database at `sourceFile` to `targetFile` (which must not exist) with SQLite's online backup API,
 * on a connection of its own: the service keeps writing meanwhile (WAL: readers do not block the writer). Copied
 * in one step, because a step-wise copy restarts whenever another connection writes, and under steady writes
 * would never finish. Returns the copy's schema version (its last migration), after a quick_check of the copy.
 */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<{ schemaVersion?: string }> {
  const source = new Database(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(targetFile, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  return inspectSqlite(targetFile);
}

/**
 * The schema version of a database file (a backup's), after checking its pages; throws when it is damaged.
 * The file is left in rollback-journal mode, one self-contained file (the service turns WAL on when it opens it).
 */
export function inspectSqlite(file: string): { schemaVersion?: string } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the database copy is damaged: ${String(check)}`);
    const last = db.prepare('select name from knex_migrations order by id desc limit 1').get() as { name: string } | undefined;
    return { schemaVersion: last?.name };
  } finally {
    db.close();
  }
}
