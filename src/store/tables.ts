import type { Knex } from 'knex';
import type { Tables } from 'knex/types/tables';
import type { CallbackAttemptRow, CallbackRow, SmsRow } from './callback-rows';
import type { NodeRow } from './node-rows';
import type { RateLimitRow } from './rate-limit-rows';
import type { NotificationRow } from './notification-rows';
import type { OperatorRow } from './operator-rows';
import type { AgentRow } from './agent-rows';
import type { AcquirerNotificationRow, PaymentAttemptRow, RefundRow } from './payment-rows';
import type { ReconciliationItemRow, ReconciliationRunRow } from './reconciliation-rows';
import type { CallLegRow, FeePlanRow, SettlementBatchRow, SettlementEntryRow } from './settlement-rows';
import type { AttemptRow, BankRow, IdempotencyRow, LineUsageRow, MerchantRow, OrderRow } from './rows';

/** Columns that may be left out of an insert: those that take null. */
type NullableKeys<Row> = { [K in keyof Row]-?: null extends Row[K] ? K : never }[keyof Row];

/** A row to insert: nullable columns, and those with a schema default (`Defaulted`), may be left out. */
export type NewRow<Row, Defaulted extends keyof Row = never> = Omit<Row, NullableKeys<Row> | Defaulted> &
  Partial<Pick<Row, NullableKeys<Row> | Defaulted>>;

/** Columns to update: any of them, each a value or an SQL fragment (e.g. `payment_count + 1`). */
export type RowUpdate<Row> = { [K in keyof Row]?: Row[K] | Knex.Raw };

type Table<Row, Defaulted extends keyof Row = never> = Knex.CompositeTableType<Row, NewRow<Row, Defaulted>, RowUpdate<Row>>;

declare module 'knex/types/tables' {
  /** Every table with its row: `db('orders')` is typed by it, so no query of the store returns `any`. */
  interface Tables {
    merchants: Table<MerchantRow, 'require_id_number' | 'require_mobile' | 'abandoned_call_sms' | 'confirm_card'>;
    orders: Table<OrderRow, 'description' | 'refund_reserved' | 'refunded_amount'>;
    order_attempts: Table<AttemptRow, 'payment_count'>;
    banks: Table<BankRow>;
    idempotency_keys: Table<IdempotencyRow>;
    notifications: Table<NotificationRow, 'attempts'>;
    callbacks: Table<CallbackRow, 'attempts_made'>;
    callback_attempts: Table<CallbackAttemptRow>;
    sms: Table<SmsRow, 'attempts'>;
    line_usage: Table<LineUsageRow>;
    payment_attempts: Table<PaymentAttemptRow>;
    acquirer_notifications: Table<AcquirerNotificationRow>;
    refunds: Table<RefundRow>;
    reconciliation_runs: Table<ReconciliationRunRow>;
    reconciliation_items: Table<ReconciliationItemRow, 'id'>;
    fee_plans: Table<FeePlanRow>;
    call_legs: Table<CallLegRow>;
    settlement_batches: Table<SettlementBatchRow>;
    settlement_entries: Table<SettlementEntryRow, 'id'>;
    operators: Table<OperatorRow>;
    nodes: Table<NodeRow>;
    rate_limits: Table<RateLimitRow>;
    agents: Table<AgentRow>;
  }
}

export type TableName = keyof Tables;

/** A statement on one table of the store, on the given connection (the pool or a transaction). */
export function tableOn<N extends TableName>(db: Knex | Knex.Transaction, table: N) {
  return db(table);
}

/** A query builder on table `N`, its rows typed. */
export type TableQuery<N extends TableName> = ReturnType<typeof tableOn<N>>;
