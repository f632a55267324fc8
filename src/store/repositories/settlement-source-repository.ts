import type { CardKind } from '../../domain/card-kind';
import type { EntryKind } from '../settlement-rows';
import type { Source } from '../source';

/** A paid payment not yet journaled. */
export interface PaidPayment {
  id: string;
  order_id: string;
  amount: number;
  card_kind: CardKind;
  resolved_at: string;
}

/** A succeeded refund or cancel not yet journaled. */
export interface SucceededRefund {
  id: string;
  order_id: string;
  amount: number;
  resolved_at: string;
}

/** An answered, ended call leg not yet journaled. */
export interface EndedLeg {
  id: string;
  order_id: string | null;
  direction: 'inbound' | 'outbound';
  answered_at: string;
  ended_at: string;
}

/**
 * What a settlement batch takes in: every item of a merchant that became final before `beforeIso` and has no
 * journal entry of its kind yet. Not "final on that day": an item that became final late is simply still there
 * for the next batch (see migration 009).
 */
export interface SettlementSourceRepository {
  paidPayments(merchantId: string, beforeIso: string): Promise<PaidPayment[]>;
  succeededRefunds(merchantId: string, beforeIso: string): Promise<SucceededRefund[]>;
  answeredLegs(merchantId: string, beforeIso: string): Promise<EndedLeg[]>;
}

export function createSettlementSourceRepository(db: Source): SettlementSourceRepository {
  const journaled = (kind: EntryKind, column: string) =>
    db.knex
      .select(db.knex.raw('1'))
      .from('settlement_entries')
      .where('settlement_entries.source_kind', kind)
      .whereRaw('settlement_entries.source_id = ??', [column]);

  return {
    async paidPayments(merchantId, beforeIso) {
      const rows = await db
        .table('payment_attempts')
        .join('orders', 'orders.id', 'payment_attempts.order_id')
        .where('orders.merchant_id', merchantId)
        .where('payment_attempts.state', 'approved')
        .where('payment_attempts.resolved_at', '<', beforeIso)
        .whereNotExists(journaled('payment', 'payment_attempts.id'))
        .orderBy('payment_attempts.resolved_at')
        .orderBy('payment_attempts.id')
        .select<PaidPayment[]>(
          'payment_attempts.id',
          'payment_attempts.order_id',
          'payment_attempts.amount',
          'payment_attempts.card_kind',
          'payment_attempts.resolved_at',
        );
      return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
    },

    async succeededRefunds(merchantId, beforeIso) {
      const rows = await db
        .table('refunds')
        .where({ merchant_id: merchantId, state: 'succeeded' })
        .where('resolved_at', '<', beforeIso)
        .whereNotExists(journaled('refund', 'refunds.id'))
        .orderBy('resolved_at')
        .orderBy('id')
        .select<SucceededRefund[]>('id', 'order_id', 'amount', 'resolved_at');
      return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
    },

    async answeredLegs(merchantId, beforeIso) {
      return db
        .table('call_legs')
        .where({ merchant_id: merchantId })
        .whereNotNull('answered_at')
        .whereNotNull('ended_at')
        .where('ended_at', '<', beforeIso)
        .whereNotExists(journaled('communication_fee', 'call_legs.id'))
        .orderBy('ended_at')
        .orderBy('id')
        .select<EndedLeg[]>('id', 'order_id', 'direction', 'answered_at', 'ended_at');
    },
  };
}
