import type { Knex } from 'knex';

// Issue 11 §1: refunds and same-day cancels of a paid order. As with payments (docs/reference/security.md §3.1),
// a refund row is written, with the orderId and txnTime the acquirer will know it by, BEFORE its message is sent;
// after a timeout or a crash that row is all there is to query it by. The order keeps a running total of what its
// refunds have reserved (pending, unknown and succeeded ones): one conditional UPDATE of that total admits a
// refund, so concurrent requests can never refund more than was paid.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('refunds', (t) => {
    // rfd_<20 hex>: our id, shown to the merchant.
    t.text('id').primary();
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    // cancel (ACP 31, same day, the whole amount) | refund (ACP 04)
    t.text('kind').notNullable();
    t.bigInteger('amount').notNullable();
    t.text('currency').notNullable();
    t.text('reason').notNullable();
    // The paid payment attempt, and its queryId (origQryId of the cancel or refund).
    t.text('payment_attempt_id').notNullable().references('id').inTable('payment_attempts');
    t.text('orig_query_id').notNullable();
    // The acquirer's orderId for this refund (letters and digits) and its txnTime, YYYYMMDDhhmmss Beijing: with
    // each other, the key for queries, notifications and the reconciliation file.
    t.text('acquirer_order_id').notNullable().unique();
    t.text('txn_time').notNullable();
    // pending (written; sent or about to be) | unknown (no final word after the query schedule: reconciliation
    // decides) | succeeded | failed
    t.text('state').notNullable();
    t.text('response_code').nullable();
    t.text('failure_reason').nullable();
    // The acquirer's serial (queryId) of the refund itself, once known.
    t.text('acquirer_ref').nullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.text('resolved_at').nullable();
    t.index(['order_id']);
    t.index(['merchant_id', 'created_at']);
    t.index(['state']);
    t.index(['txn_time']);
  });
  await db.schema.alterTable('orders', (t) => {
    // Fen reserved by refunds not failed (pending, unknown, succeeded); never above `amount`.
    t.bigInteger('refund_reserved').notNullable().defaultTo(0);
    // Fen refunded for good (succeeded refunds): `refunded` when equal to `amount`, else `partially_refunded`.
    t.bigInteger('refunded_amount').notNullable().defaultTo(0);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('orders', (t) => {
    t.dropColumn('refunded_amount');
    t.dropColumn('refund_reserved');
  });
  await db.schema.dropTable('refunds');
}
