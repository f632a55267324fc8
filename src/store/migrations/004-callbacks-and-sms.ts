import type { Knex } from 'knex';

// Callback mode (回拨): the dialer's queue, every dialled attempt, the SMS outbox, per-merchant callback policy
// and the last line-usage snapshot. Phone numbers are the cardholder's, not card data; SMS texts come from the
// template, which refuses any run of digits long enough to be a card number.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    // Null: the defaults (DEFAULT_RETRY_POLICY, 08:00–21:00 Asia/Shanghai). Delays are minutes, comma-separated.
    t.text('callback_retry_delays').nullable();
    t.text('callback_hours_start').nullable();
    t.text('callback_hours_end').nullable();
    t.text('callback_time_zone').nullable();
  });

  // One row per callback order: what the dialer claims. scheduled → dialing → scheduled | done | unreachable | cancelled.
  await db.schema.createTable('callbacks', (t) => {
    t.text('id').primary();
    t.text('order_id').notNullable().unique().references('id').inTable('orders');
    // National form: 11-digit mobile or 0 + area code + local number.
    t.text('phone').notNullable();
    t.text('state').notNullable();
    t.text('call_after').nullable();
    t.text('next_call_at').notNullable();
    t.integer('attempts_made').notNullable().defaultTo(0);
    // A dialer's lease while it dials: renewed during the call; an expired lease means the dialer died.
    t.text('locked_until').nullable();
    t.text('lease_token').nullable();
    t.text('last_outcome').nullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    // The claim reads due rows in this order, so its cost follows the due rows, not the table.
    t.index(['state', 'next_call_at']);
  });

  await db.schema.createTable('callback_attempts', (t) => {
    t.text('id').primary();
    t.text('callback_id').notNullable().references('id').inTable('callbacks');
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('started_at').notNullable();
    t.text('ended_at').nullable();
    // dialing while in progress; then busy, no_answer, congestion, invalid_number, rejected, answered_unpaid,
    // failed, paid, or interrupted (the dialer stopped during the call).
    t.text('outcome').notNullable();
    t.integer('cause').nullable();
    t.text('dial_status').nullable();
    t.integer('duration_ms').nullable();
    t.index(['order_id']);
    t.index(['callback_id']);
  });

  await db.schema.createTable('sms', (t) => {
    t.text('id').primary();
    t.text('order_id').notNullable().references('id').inTable('orders');
    t.text('to').notNullable();
    t.text('text').notNullable();
    t.text('status').notNullable(); // queued | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('next_attempt_at').notNullable();
    t.text('locked_until').nullable();
    t.text('lease_token').nullable();
    t.text('provider_id').nullable();
    t.text('last_error').nullable();
    t.text('created_at').notNullable();
    t.text('sent_at').nullable();
    t.index(['status', 'next_attempt_at']);
    t.index(['order_id']);
  });

  // What the running service last saw on its lines, so the admin CLI (another process) can show it.
  await db.schema.createTable('line_usage', (t) => {
    t.text('id').primary();
    t.integer('inbound').notNullable();
    t.integer('outbound').notNullable();
    t.text('updated_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('line_usage');
  await db.schema.dropTable('sms');
  await db.schema.dropTable('callback_attempts');
  await db.schema.dropTable('callbacks');
  await db.schema.alterTable('merchants', (t) => {
    t.dropColumn('callback_time_zone');
    t.dropColumn('callback_hours_end');
    t.dropColumn('callback_hours_start');
    t.dropColumn('callback_retry_delays');
  });
}
