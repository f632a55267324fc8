import type { IdempotencyRow } from '../rows';
import type { Source } from '../source';

/** One claim of a key: the row as its request inserted it. */
export type IdempotencyClaimRow = Pick<IdempotencyRow, 'merchant_id' | 'idempotency_key' | 'created_at'>;

/** The `idempotency_keys` table: one row per (merchant, Idempotency-Key); the primary key makes a claim atomic. */
export interface IdempotencyKeyRepository {
  /** Fails with a unique violation (on idempotency_key) when the merchant's key is taken. */
  insert(row: Omit<IdempotencyRow, 'response_status' | 'response_body'>): Promise<void>;
  find(merchantId: string, key: string): Promise<IdempotencyRow | undefined>;
  /** Deletes the row only if it is still the one read (same creation and status), so two requests cannot both remove a fresh claim. */
  deleteIfUnchanged(row: Pick<IdempotencyRow, 'merchant_id' | 'idempotency_key' | 'created_at' | 'status'>): Promise<void>;
  /** Keeps the answer on this claim if it is still in flight; whether it was. */
  complete(claim: IdempotencyClaimRow, responseStatus: number, responseBody: string): Promise<boolean>;
  /** Forgets this claim if it is still in flight. */
  release(claim: IdempotencyClaimRow): Promise<void>;
  /** Deletes the rows created at or before `cutoff`; how many. */
  purgeCreatedBy(cutoff: string): Promise<number>;
}

export function createIdempotencyKeyRepository(db: Source): IdempotencyKeyRepository {
  const keys = () => db.table('idempotency_keys');
  const inFlight = (claim: IdempotencyClaimRow) => keys().where({ ...claim, status: 'in_flight' });
  return {
    async insert(row) {
      await keys().insert(row);
    },

    find: (merchantId, key) => keys().where({ merchant_id: merchantId, idempotency_key: key }).first(),

    async deleteIfUnchanged(row) {
      await keys().where(row).delete();
    },

    async complete(claim, responseStatus, responseBody) {
      const count = await inFlight(claim).update({
        status: 'done',
        response_status: responseStatus,
        response_body: responseBody,
      });
      return count > 0;
    },

    async release(claim) {
      await inFlight(claim).delete();
    },

    purgeCreatedBy: (cutoff) => keys().where('created_at', '<=', cutoff).delete(),
  };
}
