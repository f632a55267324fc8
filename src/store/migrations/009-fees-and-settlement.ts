import type { Knex } from 'knex';

// Issue 11 §3: fee plans, call detail records (one row per call leg) and the settlement journal.
// The journal is append-only: a batch and its entries are inserted in one transaction and never updated. Each
// source item (a payment, a refund, a call leg, a fee period) has one unique (source_kind, source_id) key per kind
// of entry, so the same item can never be journaled twice: re-running a day changes nothing, and an item that
// becomes final late lands in the next batch instead of rewriting a closed one.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('fee_plans', (t) => {
    t.text('merchant_id').primary().references('id').inTable('merchants');
    // Fen, charged on the merchant's first settlement batch.
    t.bigInteger('opening_fee').notNullable();
    // Fen a year for each settlement account, due on the plan's start date and every anniversary of it.
    t.bigInteger('annual_fee_per_account').notNullable();
    t.integer('settlement_accounts').notNullable();
    // Per-transaction fee by card kind: a rate in basis points, clamped to [min, max] fen.
    t.integer('debit_rate_bps').notNullable();
    t.bigInteger('debit_min_fee').notNullable();
    t.bigInteger('debit_max_fee').notNullable();
    t.integer('credit_rate_bps').notNullable();
    t.bigInteger('credit_min_fee').notNullable();
    t.bigInteger('credit_max_fee').notNullable();
    // Communication fee: fen per started minute of answered line time.
    t.bigInteger('inbound_per_minute').notNullable();
    t.bigInteger('outbound_per_minute').notNullable();
    // YYYY-MM-DD, Beijing: the anniversaries of annual fees count from here.
    t.text('starts_on').notNullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
  });

  await db.schema.createTable('call_legs', (t) => {
    // The channel id of an inbound call; the callback attempt id (cba_…) of an outbound one.
    t.text('id').primary();
    t.text('direction').notNullable();
    t.text('merchant_id').nullable().references('id').inTable('merchants');
    t.text('order_id').nullable().references('id').inTable('orders');
    t.text('started_at').notNullable();
    // Null when the leg never answered: it bills nothing.
    t.text('answered_at').nullable();
    t.text('ended_at').nullable();
    t.text('outcome').nullable();
    t.index(['merchant_id', 'ended_at']);
    t.index(['ended_at']);
  });

  await db.schema.createTable('settlement_batches', (t) => {
    t.text('id').primary();
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    // YYYY-MM-DD: the day the money is paid out, and the business day it covers (Beijing).
    t.text('settlement_date').notNullable();
    t.text('business_date').notNullable();
    t.bigInteger('gross').notNullable();
    t.bigInteger('refunds').notNullable();
    t.bigInteger('transaction_fees').notNullable();
    t.bigInteger('communication_fees').notNullable();
    t.bigInteger('annual_fees').notNullable();
    t.bigInteger('opening_fees').notNullable();
    t.bigInteger('net').notNullable();
    t.text('created_at').notNullable();
    t.unique(['merchant_id', 'settlement_date']);
    t.index(['settlement_date']);
  });

  await db.schema.createTable('settlement_entries', (t) => {
    t.increments('id');
    t.text('batch_id').notNullable().references('id').inTable('settlement_batches');
    t.text('merchant_id').notNullable().references('id').inTable('merchants');
    // payment | refund | transaction_fee | communication_fee | annual_fee | opening_fee
    t.text('source_kind').notNullable();
    // The payment attempt, refund or call leg id; for fee periods, <merchant>:annual:<n> or <merchant>:opening.
    t.text('source_id').notNullable();
    t.text('debit_account').notNullable();
    t.text('credit_account').notNullable();
    t.bigInteger('amount').notNullable();
    t.text('order_id').nullable();
    t.text('occurred_at').notNullable();
    t.text('memo').notNullable();
    t.unique(['source_kind', 'source_id']);
    t.index(['batch_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('settlement_entries');
  await db.schema.dropTable('settlement_batches');
  await db.schema.dropTable('call_legs');
  await db.schema.dropTable('fee_plans');
}
