import type { Logger } from 'pino';
import type { Store } from '../store/store';

/** What every service is built from; the clock is injected so tests control time. */
export interface ServiceDeps {
  /** The repositories (src/store/store.ts); the merchant API's single-statement writes go through store.groupWrite. */
  store: Store;
  now: () => Date;
  log: Logger;
}
