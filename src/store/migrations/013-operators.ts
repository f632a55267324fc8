import type { Knex } from 'knex';

// Issue 15 §4: the people who log in to the operator console (/console). Not merchants: they see every merchant's
// calls and payments, never card data. The password is stored as a scrypt hash with its salt and parameters
// (src/console/password-hash.ts); `password_set_at` changes with it, so a new password ends the old sessions.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('operators', (t) => {
    t.text('id').primary();
    t.text('name').notNullable().unique();
    t.text('password_hash').notNullable();
    t.text('password_set_at').notNullable();
    t.text('created_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('operators');
}
