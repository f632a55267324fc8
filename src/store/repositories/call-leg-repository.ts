import type { CallLegRow } from '../settlement-rows';
import type { Source } from '../source';

/** The `call_legs` table (migration 009): a call detail record per leg, written as the call goes. */
export interface CallLegRepository {
  /** Inserts the leg; a leg already recorded (a repeated start) is left as it is. */
  start(row: Pick<CallLegRow, 'id' | 'direction' | 'started_at' | 'order_id' | 'merchant_id'>): Promise<void>;
  /** Sets the answer time once: a later answer of the same leg changes nothing. */
  answer(id: string, answeredAt: string): Promise<void>;
  /** Ends a leg still open, with its outcome and, when now known, its order and merchant. */
  end(
    id: string,
    end: Pick<CallLegRow, 'ended_at' | 'outcome'> & Partial<Pick<CallLegRow, 'order_id' | 'merchant_id'>>,
  ): Promise<void>;
  find(id: string): Promise<CallLegRow | undefined>;
  /** Legs ended in [fromIso, toIso), for the line-usage report. */
  endedBetween(fromIso: string, toIso: string): Promise<CallLegRow[]>;
}

export function createCallLegRepository(db: Source): CallLegRepository {
  const legs = () => db.table('call_legs');
  return {
    async start(row) {
      await legs().insert(row).onConflict('id').ignore();
    },

    async answer(id, answeredAt) {
      await legs().where({ id }).whereNull('answered_at').update({ answered_at: answeredAt });
    },

    async end(id, end) {
      const known = Object.fromEntries(Object.entries(end).filter(([, v]) => v !== undefined && v !== null));
      await legs().where({ id }).whereNull('ended_at').update(known);
    },

    find: (id) => legs().where({ id }).first(),

    endedBetween: (fromIso, toIso) =>
      legs().where('ended_at', '>=', fromIso).where('ended_at', '<', toIso).orderBy('ended_at').orderBy('id'),
  };
}
