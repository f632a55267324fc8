import type { Knex } from 'knex';

// Issue 13 §4: the language of a payment call. A merchant's default language and an order's own, each 'zh' or
// 'en'; null takes the next one down (order → merchant → DEFAULT_LANGUAGE), as README "Language of a call" says.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('merchants', (t) => {
    t.text('language').nullable();
  });
  await db.schema.alterTable('orders', (t) => {
    t.text('language').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('orders', (t) => {
    t.dropColumn('language');
  });
  await db.schema.alterTable('merchants', (t) => {
    t.dropColumn('language');
  });
}
