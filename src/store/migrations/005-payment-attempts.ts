import type { Knex } from 'knex';

// Exactly-once charging (docs/reference/security.md §3.1). A payment attempt is written, with the txnTime and amount
// the acquirer will know it by, BEFORE its consume is sent; after a timeout or a crash that row is all
// there is to query it by. States only move forward (see src/domain/payment-attempt-state.ts).
// Acquirer notifications are kept by the acquirer's serial (queryId), so a resent one changes nothing.
// No card data: the masked number, bank and kind only.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('payment_attempts', (t) => {
    // The attempt id sent to the acquirer (att_<hex>-<n>: the call's order attempt and the card's number in it).
    t.text('id').primary();
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('order_attempt_id').notNullable().references('id').inTable('order_attempts');
    t.text('call_id').notNullable();
    t.bigInteger('amount').notNullable();
    t.text('currency').notNullable();
    // YYYYMMDDhhmmss Beijing time, as sent: with the id, the acquirer's key for queries.
    t.text('txn_time').notNullable();
    t.text('card_masked').notNullable();
    t.text('card_bank').notNullable();
    t.text('card_kind').notNullable();
    // prepared | sending | unknown | unknown_manual | approved | declined | not_sent | not_found
    t.text('state').notNullable();
    t.text('response_code').nullable();
    t.text('decline_reason').nullable();
    t.text('acquirer_ref').nullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.text('resolved_at').nullable();
    t.index(['state']);
    t.index(['order_id']);
    t.index(['txn_time']);
  });

  await db.schema.createTable('acquirer_notifications', (t) => {
    t.text('query_id').primary();
    t.text('attempt_id').notNullable();
    t.text('txn_type').notNullable();
    t.text('resp_code').notNullable();
    t.text('received_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('acquirer_notifications');
  await db.schema.dropTable('payment_attempts');
}
