import type { Knex } from 'knex';

// Issue 12 §3: a node's callers hear the fallback when it dies mid-call. Asterisk keeps a channel in the Stasis app
// of a node whose WebSocket went away, silent, until something moves it: the node that takes a dead one over finds
// its channels by the app its row names and sends them back to the dialplan (src/cluster/dead-node-callers.ts).
// Rows written before this migration have no app: their callers cannot be found, as before.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('nodes', (t) => {
    t.text('app');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('nodes', (t) => {
    t.dropColumn('app');
  });
}
