import type { Knex } from 'knex';

// Signed merchant notifications: the order's notify URL, the merchant's webhook secret (AES-GCM sealed, see
// src/notify/secret-box.ts) and the outbox of events. An event row is written in the same transaction as the
// order change it reports, so a crash after the commit still delivers it. Payloads hold the masked card only.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('orders', (t) => {
    t.text('notify_url').nullable();
  });

  await db.schema.alterTable('merchants', (t) => {
    // Null for merchants created before notifications: `merchant rotate-webhook-secret` gives them one.
    t.text('webhook_secret').nullable();
    // After a rotation the old secret also signs, until `webhook_secret_previous_until`, so the merchant can switch.
    t.text('webhook_secret_previous').nullable();
    t.text('webhook_secret_previous_until').nullable();
  });

  await db.schema.createTable('notifications', (t) => {
    t.text('id').primary(); // the event id, evt_…, also sent in Ivrpay-Event-Id
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('type').notNullable();
    t.text('payload').notNullable();
    t.text('url').notNullable();
    t.text('status').notNullable(); // pending | delivered | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('next_attempt_at').notNullable();
    // Retries stop here (26 h after the event, or after an admin's redelivery), and the event is `failed`.
    t.text('give_up_at').notNullable();
    // A deliverer's lease: other deliverers skip the row until it passes, and only the lease holder records.
    t.text('locked_until').nullable();
    t.text('lease_token').nullable();
    t.text('delivered_at').nullable();
    t.text('last_error').nullable();
    t.text('created_at').notNullable();
    t.index(['status', 'next_attempt_at']);
    t.index(['order_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('notifications');
  await db.schema.alterTable('merchants', (t) => {
    t.dropColumn('webhook_secret_previous_until');
    t.dropColumn('webhook_secret_previous');
    t.dropColumn('webhook_secret');
  });
  await db.schema.alterTable('orders', (t) => {
    t.dropColumn('notify_url');
  });
}
