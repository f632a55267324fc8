import type { Knex } from 'knex';

// Issue 12 §3: several app nodes on one store. Each node writes a heartbeat row; an order in a call names the node
// whose Stasis app holds the call, so recovery abandons only the orders of a node that is gone (itself at start-up,
// or one whose heartbeat has expired) and never the live calls of another. Orders claimed before this migration
// have no node: they belong to the single node of that time, and the first node to start recovers them.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('nodes', (t) => {
    t.text('id').primary();
    t.text('host').notNullable();
    t.integer('pid').notNullable();
    t.text('started_at').notNullable();
    t.text('heartbeat_at').notNullable();
  });
  await db.schema.alterTable('orders', (t) => {
    t.text('in_call_node');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('orders', (t) => {
    t.dropColumn('in_call_node');
  });
  await db.schema.dropTable('nodes');
}
