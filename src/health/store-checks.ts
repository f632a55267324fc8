import type { Knex } from '../store/db';
import { migrationState } from '../store/migrate';
import { checkStoreWritable } from '../store/store-writable';
import type { ReadinessCheck } from './readiness';

/** The store takes writes: every payment attempt is recorded before it is sent. */
export function storeWritableCheck(db: Knex): ReadinessCheck {
  return {
    name: 'store',
    async run() {
      const started = process.hrtime.bigint();
      await checkStoreWritable(db);
      return { ok: true, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    },
  };
}

/** The database's schema is the one this code was written for (none pending, none from a newer release). */
export function migrationsCheck(db: Knex): ReadinessCheck {
  return {
    name: 'migrations',
    async run() {
      const state = await migrationState(db);
      return {
        ok: state.pending.length === 0 && state.unknown.length === 0,
        current: state.current ?? null,
        latest: state.latest,
        ...(state.pending.length > 0 ? { pending: state.pending } : {}),
        ...(state.unknown.length > 0 ? { unknown: state.unknown } : {}),
      };
    },
  };
}
