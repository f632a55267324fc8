import type { Knex } from 'knex';

// Issue 12 §4: line capacity is per Asterisk server, across every node: a callback's row names the server its call is
// placed on, so the dialers count each server's lines in use (CallbackRepository.countDialingByServer). The attempt
// keeps it, so an attempt whose events were lost can be settled from its channel on that server.
// Rows written before this migration name none: they count against the first server listed (as with one server).

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('callbacks', (t) => {
    t.text('asterisk_server');
  });
  await db.schema.alterTable('callback_attempts', (t) => {
    t.text('asterisk_server');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('callback_attempts', (t) => {
    t.dropColumn('asterisk_server');
  });
  await db.schema.alterTable('callbacks', (t) => {
    t.dropColumn('asterisk_server');
  });
}
