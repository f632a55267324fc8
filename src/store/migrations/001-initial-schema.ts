import type { Knex } from 'knex';

// Timestamps are ISO-8601 UTC strings (Date#toISOString): fixed width, so they compare correctly as text.
// No column holds a card number, CVN2, PIN or expiry: cards appear only masked (first 6 + last 4).

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('merchants', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('api_key_hash').notNullable().unique();
    // The key's first characters, so an operator can tell keys apart without holding them.
    t.text('api_key_prefix').notNullable();
    t.boolean('require_id_number').notNullable().defaultTo(true);
    t.boolean('require_mobile').notNullable().defaultTo(true);
    t.text('created_at').notNullable();
  });

  await db.schema.createTable('orders', (t) => {
    t.text('id').primary();
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    t.text('merchant_order_id').notNullable();
    t.bigInteger('amount').notNullable();
    t.text('currency').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('mode').notNullable();
    t.text('status').notNullable();
    // Set while the order can still be paid; cleared when it is paid, expires or is cancelled, so codes recycle.
    t.text('pay_code').nullable().unique();
    // The code the order had when it was cleared: a caller keying it later hears "paid" or "expired".
    t.text('spent_pay_code').nullable().index();
    t.text('expires_at').notNullable();
    t.text('card_masked').nullable();
    t.text('card_bank').nullable();
    t.text('card_kind').nullable();
    t.text('decline_reason').nullable();
    t.text('acquirer_ref').nullable();
    t.text('in_call_id').nullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.unique(['merchant_id', 'merchant_order_id']);
    t.index(['status', 'expires_at']);
  });

  await db.schema.createTable('order_attempts', (t) => {
    t.text('id').primary();
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('call_id').notNullable();
    t.text('started_at').notNullable();
    t.text('ended_at').nullable();
    t.text('outcome').notNullable();
    // Payments sent to the acquirer in this call (one per card tried); part of each request's id.
    t.integer('payment_count').notNullable().defaultTo(0);
    t.text('card_masked').nullable();
    t.text('card_bank').nullable();
    t.text('card_kind').nullable();
    t.text('decline_reason').nullable();
    t.text('response_code').nullable();
    t.index(['order_id', 'call_id']);
  });

  // Only banks whose status an admin changed have a row; the others use the BIN table's default.
  await db.schema.createTable('banks', (t) => {
    t.text('code').primary();
    t.text('status').notNullable();
    t.text('updated_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('banks');
  await db.schema.dropTable('order_attempts');
  await db.schema.dropTable('orders');
  await db.schema.dropTable('merchants');
}
