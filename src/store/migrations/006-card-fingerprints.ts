import type { Knex } from 'knex';

// Issue 4 §7: besides the masked number, a keyed fingerprint of the card number (src/crypto/card-fingerprint.ts)
// on each payment attempt and on the paid order, to spot one card used across orders. Never the number itself,
// and keyed, as docs/reference/security.md §1.1 (Req 3.5.1.1) requires of any hash of a card number.

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('payment_attempts', (t) => {
    t.text('card_fingerprint').nullable();
    t.index(['card_fingerprint']);
  });
  await db.schema.alterTable('orders', (t) => {
    t.text('card_fingerprint').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('orders', (t) => t.dropColumn('card_fingerprint'));
  await db.schema.alterTable('payment_attempts', (t) => {
    t.dropIndex(['card_fingerprint']);
    t.dropColumn('card_fingerprint');
  });
}
