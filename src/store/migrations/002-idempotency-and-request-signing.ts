import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // One row per (merchant, Idempotency-Key): the unique key is what makes a claim atomic (insert or fail).
  // Response bodies are the merchant API's own answers, which never carry card data beyond the masked number.
  await db.schema.createTable('idempotency_keys', (t) => {
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    t.text('idempotency_key').notNullable();
    // SHA-256 (hex) of method, path and canonical JSON body.
    t.text('request_hash').notNullable();
    t.text('status').notNullable();
    t.integer('response_status').nullable();
    t.text('response_body').nullable();
    t.text('created_at').notNullable();
    t.primary(['merchant_id', 'idempotency_key']);
    t.index(['created_at']);
  });

  await db.schema.alterTable('merchants', (t) => {
    // PEM of the merchant's X.509 certificate; when set, every API request must be signed with its key.
    t.text('signing_certificate').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    t.dropColumn('signing_certificate');
  });
  await db.schema.dropTable('idempotency_keys');
}
