import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';

/**
 * Another process holds SQLite's write lock on the service's store for `holdMs` (as the admin CLI or a second node
 * would): BEGIN IMMEDIATE on a connection of the runner's own. It never waits inside SQLite (busy_timeout 0, tried
 * again every few ms), so the runner's event loop, which also serves the acquirer, is never blocked. Resolves once
 * the lock is released; false when the service held the lock all along (nothing was held).
 */
export async function holdWriteLock(file: string, holdMs: number, giveUpMs = 2_000): Promise<boolean> {
  const conn = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    const until = Date.now() + giveUpMs;
    for (;;) {
      try {
        conn.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) return false;
        await delay(3);
      }
    }
    await delay(holdMs);
    conn.exec('COMMIT');
    return true;
  } finally {
    conn.close();
  }
}
