import type { Knex } from 'knex';

// Issue 11 §2: the daily reconciliation with the acquirer's transaction-detail file (docs/reference/unionpay-acp.md
// §8.6). One run per settlement date: running a date again replaces its items in one transaction, so a repeated run
// leaves one set of items, never a second. No card data: the file's masked number (BIN and last four) at most.

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('reconciliation_runs', (t) => {
    // YYYYMMDD, Beijing.
    t.text('settle_date').primary();
    // acquirer (ACP file transfer) | dir (RECONCILIATION_DIR) | file (an operator's --file)
    t.text('source').notNullable();
    t.text('file_name').notNullable();
    // SHA-256 of the file as read, hex: shows whether a repeated run read the same file.
    t.text('file_sha256').notNullable();
    t.integer('line_count').notNullable();
    t.integer('matched').notNullable();
    t.integer('discrepancies').notNullable();
    t.integer('resolved').notNullable();
    // Sums of the file, integer fen: fees the merchant pays, and the net credited.
    t.bigInteger('fee_total').notNullable();
    t.bigInteger('settle_total').notNullable();
    t.integer('run_count').notNullable();
    t.text('first_run_at').notNullable();
    t.text('last_run_at').notNullable();
  });
  await db.schema.createTable('reconciliation_items', (t) => {
    t.increments('id');
    t.text('settle_date').notNullable().references('settle_date').inTable('reconciliation_runs');
    // matched | acquirer_only | ours_only | amount_mismatch | state_mismatch | resolved (an unknown of ours the file
    // settled by its absence)
    t.text('kind').notNullable();
    // The file's line (absent for ours_only and resolved), its txnType, serial and orderId.
    t.integer('line_no').nullable();
    t.text('txn_type').nullable();
    t.text('query_id').nullable();
    t.text('acquirer_order_id').nullable();
    t.bigInteger('file_amount').nullable();
    t.bigInteger('fee').nullable();
    // BIN and last four only.
    t.text('card_masked').nullable();
    // Our record: payment (payment_attempts) or refund (refunds), its id, amount, and its state once the run settled it.
    t.text('record_type').nullable();
    t.text('record_id').nullable();
    t.bigInteger('our_amount').nullable();
    t.text('our_state').nullable();
    // What the run settled: paid | not_charged | refund_succeeded | refund_failed.
    t.text('resolution').nullable();
    t.text('note').nullable();
    t.index(['settle_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('reconciliation_items');
  await db.schema.dropTable('reconciliation_runs');
}
