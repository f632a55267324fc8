import { maskDatabaseUrl } from './postgres-sandbox';

/** Which store the service and the admin CLI open (DATABASE_URL); `maskedUrl` is the one fit for a log. */
export type DatabaseSettings = { kind: 'sqlite' } | { kind: 'postgres'; url: string; maskedUrl: string };

/** A URL the `pg` driver connects to: postgres:// or postgresql://, with a host and a database. */
export function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** DATABASE_URL as validated by the config schema: unset or `sqlite:` keeps SQLite (SQLITE_FILE). */
export function databaseSettings(databaseUrl: string | undefined): DatabaseSettings {
  if (databaseUrl === undefined || databaseUrl === 'sqlite:') return { kind: 'sqlite' };
  return { kind: 'postgres', url: databaseUrl, maskedUrl: maskDatabaseUrl(databaseUrl) };
}
