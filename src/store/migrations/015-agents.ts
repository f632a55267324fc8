import type { Knex } from 'knex';

// Issue 14: the call-centre agents who log in to the agent page (/agent), each of one merchant: they see that
// merchant's calls only, never card data. `extension` is what the dialplan rings for the agent (one agent each).
// The password is a scrypt hash as the operators' (src/console/password-hash.ts); `password_set_at` changes with it,
// so a new password ends the old sessions, and so does `disabled_at` (kept, not deleted: the login stays taken).

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('agents', (t) => {
    t.text('id').primary();
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    t.text('name').notNullable().unique();
    t.text('extension').notNullable().unique();
    t.text('password_hash').notNullable();
    t.text('password_set_at').notNullable();
    t.text('created_at').notNullable();
    t.text('disabled_at');
    t.index(['merchant_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('agents');
}
