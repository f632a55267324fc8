import type { Knex } from 'knex';
import type { Logger } from 'pino';

/** What every service is built from; the clock is injected so tests control time. */
export interface ServiceDeps {
  db: Knex;
  now: () => Date;
  log: Logger;
}
