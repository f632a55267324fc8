import type { Knex } from 'knex';

// Claims take due rows oldest first, ties by id (src/store/lease.ts, CallbackRepository.claimDue). With the index on
// (state, next_call_at) alone, many rows due at the same moment (a campaign created at once) were all read and sorted
// by id at every claim: 11.2 ms a claim on PostgreSQL, 1.27 ms with id in the index (docs/performance.md, "Scheduler
// on PostgreSQL"). The same for the merchant notifications and the SMS outbox, claimed the same way.

const INDEXES = [
  { table: 'callbacks', columns: ['state', 'next_call_at'] },
  { table: 'notifications', columns: ['status', 'next_attempt_at'] },
  { table: 'sms', columns: ['status', 'next_attempt_at'] },
];

export async function up(db: Knex): Promise<void> {
  for (const { table, columns } of INDEXES) {
    await db.schema.alterTable(table, (t) => {
      t.dropIndex(columns);
      t.index([...columns, 'id']);
    });
  }
}

export async function down(db: Knex): Promise<void> {
  for (const { table, columns } of INDEXES) {
    await db.schema.alterTable(table, (t) => {
      t.dropIndex([...columns, 'id']);
      t.index(columns);
    });
  }
}
