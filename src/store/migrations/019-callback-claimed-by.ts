import type { Knex } from 'knex';

// Issue 12 §3: a node killed during a callback campaign leaves rows `dialing` under its lease. Each row now names the
// node whose dialer claimed it, so that the node taking a dead one over finds its callbacks at once (not when the
// 2-minute lease runs out): those not dialled yet are due again, and those dialled are settled from their channel
// (src/callback/settle-orphan-dials.ts). Rows claimed before this migration have none: their lease brings them back.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('callbacks', (t) => {
    t.text('claimed_by');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('callbacks', (t) => {
    t.dropColumn('claimed_by');
  });
}
