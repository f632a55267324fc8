/**
 * The PostgreSQL sandbox of scripts/postgres-sandbox: user and database `ivrpay` on 127.0.0.1, its own port
 * (POSTGRES_SANDBOX_PORT), the password generated into DATA_DIR/sandbox-secrets.json (`postgresPassword`).
 */
export const POSTGRES_SANDBOX_USER = 'ivrpay';
export const POSTGRES_SANDBOX_DATABASE = 'ivrpay';

/** The sandbox's DATABASE_URL. */
export function postgresSandboxUrl(port: number, password: string): string {
  const url = new URL(`postgres://127.0.0.1:${port}/${POSTGRES_SANDBOX_DATABASE}`);
  url.username = POSTGRES_SANDBOX_USER;
  // URL's setter leaves % as it is: encoded here, so any password survives the connection string.
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** A database URL fit for a terminal or a log: the password replaced by ***. */
export function maskDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
}
