import { AppError } from '../domain/app-error';
import type { IdempotencyRow } from '../store/rows';
import type { Repositories } from '../store/store';
import { isUniqueViolation } from '../store/unique-violation';
import type { ServiceDeps } from './service-deps';

/** Records are kept this long (Stripe: at least 24 h); a key reused after that starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A request still "in flight" after this long died with its process: its key may be claimed again. */
export const IN_FLIGHT_TIMEOUT_MS = 60_000;

/** Held by the request that claimed a key; `createdAt` makes sure it only ever finishes its own claim. */
export interface IdempotencyLock {
  merchantId: string;
  key: string;
  createdAt: string;
}

export type IdempotencyClaim =
  | { kind: 'started'; lock: IdempotencyLock }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

export interface IdempotencyStore {
  /** Atomically claims `key` for this merchant, or says what the earlier request with it left. */
  claim(merchantId: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  /** Keeps the answer, to be replayed to later requests with the same key and body. */
  complete(lock: IdempotencyLock, status: number, body: unknown): Promise<void>;
  /** Keeps the answer with `on`, the unit of work of the request's own change, so both commit or neither does. */
  completeIn(on: IdempotencyWrites, lock: IdempotencyLock, status: number, body: unknown): Promise<void>;
  /** Forgets the claim (the request was invalid), so the key can be used again. */
  release(lock: IdempotencyLock): Promise<void>;
  /** Deletes records older than 24 h; returns how many. */
  purgeExpired(at?: Date): Promise<number>;
}

/** Where completeIn writes: a transaction's repositories (or the store's). */
export type IdempotencyWrites = Pick<Repositories, 'idempotencyKeys'>;

const CLAIM_TRIES = 3;

/** The row a lock claimed. */
function claimOf(lock: IdempotencyLock) {
  return { merchant_id: lock.merchantId, idempotency_key: lock.key, created_at: lock.createdAt };
}

export function createIdempotencyStore(deps: ServiceDeps): IdempotencyStore {
  const { store } = deps;

  function isStale(row: IdempotencyRow, now: Date): boolean {
    const age = now.getTime() - Date.parse(row.created_at);
    return age >= IDEMPOTENCY_TTL_MS || (row.status === 'in_flight' && age >= IN_FLIGHT_TIMEOUT_MS);
  }

  async function tryInsert(merchantId: string, key: string, requestHash: string): Promise<IdempotencyLock | undefined> {
    const createdAt = deps.now().toISOString();
    try {
      await store.groupWrite((on) =>
        on.idempotencyKeys.insert({
          merchant_id: merchantId,
          idempotency_key: key,
          request_hash: requestHash,
          status: 'in_flight',
          created_at: createdAt,
        }),
      );
      return { merchantId, key, createdAt };
    } catch (err) {
      if (isUniqueViolation(err, 'idempotency_key')) return undefined;
      throw err;
    }
  }

  async function completeIn(on: IdempotencyWrites, lock: IdempotencyLock, status: number, body: unknown): Promise<void> {
    const kept = await on.idempotencyKeys.complete(claimOf(lock), status, JSON.stringify(body ?? null));
    if (!kept) deps.log.warn({ merchantId: lock.merchantId }, 'idempotency claim lost before its answer was kept');
  }

  return {
    async claim(merchantId, key, requestHash) {
      // Insert-or-fail on the unique key: of two requests racing with one key, exactly one inserts.
      for (let tries = 0; tries < CLAIM_TRIES; tries++) {
        const lock = await tryInsert(merchantId, key, requestHash);
        if (lock) return { kind: 'started', lock };
        const row = await store.idempotencyKeys.find(merchantId, key);
        if (!row) continue; // purged in between
        if (isStale(row, deps.now())) {
          // Conditional on what was read, so two requests cannot both remove a fresh claim.
          await store.idempotencyKeys.deleteIfUnchanged({
            merchant_id: merchantId,
            idempotency_key: key,
            created_at: row.created_at,
            status: row.status,
          });
          continue;
        }
        if (row.request_hash !== requestHash) return { kind: 'mismatch' };
        if (row.status === 'in_flight') return { kind: 'in_flight' };
        return { kind: 'replay', status: Number(row.response_status), body: JSON.parse(row.response_body ?? 'null') };
      }
      throw new AppError('conflict', 'the Idempotency-Key is being reused concurrently; retry with the same key');
    },

    complete(lock, status, body) {
      return store.groupWrite((on) => completeIn(on, lock, status, body));
    },

    completeIn,

    async release(lock) {
      await store.groupWrite((on) => on.idempotencyKeys.release(claimOf(lock)));
    },

    async purgeExpired(at = deps.now()) {
      const cutoff = new Date(at.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
      const count = await store.idempotencyKeys.purgeCreatedBy(cutoff);
      if (count > 0) deps.log.info({ count }, 'idempotency records purged');
      return count;
    },
  };
}
