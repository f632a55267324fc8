/**
 * bench:scheduler's claimer, a process of its own as a second node's dialer would be: on `claimAll` it claims due
 * callbacks (claimDue, FOR UPDATE SKIP LOCKED on PostgreSQL) until a claim finds none, and answers the ids it got.
 */
import type { Knex } from 'knex';
import { openPostgres } from '../../../src/store/postgres-connection';
import { createStore } from '../../../src/store/store';
import { announceFailure, announceReady, serveRequests } from '../lib/worker-rpc';

let db: Knex | undefined;

async function claimAll(payload: { nowIso: string; limit: number }): Promise<{ ids: string[]; claims: number }> {
  if (!db) throw new Error('open first');
  const { callbacks } = createStore(db);
  const now = new Date(payload.nowIso);
  const ids: string[] = [];
  let claims = 0;
  for (;;) {
    const { rows } = await callbacks.claimDue(now, 120_000, payload.limit);
    if (rows.length === 0) return { ids, claims };
    claims += 1;
    for (const row of rows) ids.push(row.id);
  }
}

try {
  serveRequests({
    open: async (payload: { url: string; schema: string }) => {
      db = await openPostgres(payload.url, { searchPath: payload.schema, poolMax: 2 });
    },
    claimAll,
    stop: async () => {
      await db?.destroy();
      setImmediate(() => process.exit(0));
    },
  });
  process.on('disconnect', () => process.exit(0));
  announceReady({ pid: process.pid });
} catch (err) {
  announceFailure(err);
  process.exit(1);
}
