import type { Knex } from 'knex';

// Issue 13 §5: a merchant may have an inbound caller who hangs up with the order unpaid sent one SMS with the
// pay code (src/callback/abandoned-call-sms.ts). Opt-in: off for every merchant until an admin turns it on.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    t.boolean('abandoned_call_sms').notNullable().defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => t.dropColumn('abandoned_call_sms'));
}
