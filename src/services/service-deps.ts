import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { GroupCommit, GroupWrite } from '../store/group-commit';

/** What every service is built from; the clock is injected so tests control time. */
export interface ServiceDeps {
  db: Knex;
  now: () => Date;
  log: Logger;
  /** Shares commits between the merchant API's concurrent writes (src/store/group-commit.ts); without it, each write commits alone. */
  groupCommit?: GroupCommit;
}

/** One write (a single statement) through the group commit when there is one, else committed alone. */
export function groupWrite<T>(deps: ServiceDeps, write: GroupWrite<T>): Promise<T> {
  return deps.groupCommit ? deps.groupCommit.write(write) : write((table) => deps.db(table));
}
