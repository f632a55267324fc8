import type { Knex } from 'knex';

// Issue 13 §6 and §7, per merchant: whether callers key the card number twice, and the languages its recorded
// greeting (its name, a file under DATA_DIR/greetings) exists in, comma-separated ('en,zh'); null for none.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    t.boolean('confirm_card').notNullable().defaultTo(false);
    t.text('greeting_languages').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    t.dropColumn('greeting_languages');
    t.dropColumn('confirm_card');
  });
}
