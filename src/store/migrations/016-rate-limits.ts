import type { Knex } from 'knex';

// Issue 12 §1: the merchant API's rate limits shared by every node on one PostgreSQL store. One row per key (a
// merchant, or a client IP's refused keys) and fixed window; rows of past windows are purged by a job.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('rate_limits', (t) => {
    t.text('key').notNullable();
    t.text('window_start').notNullable();
    t.integer('hits').notNullable();
    t.primary(['key', 'window_start']);
    t.index(['window_start']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('rate_limits');
}
