import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { CallbackRow } from '../store/callback-rows';

export interface CallbackClaim {
  rows: CallbackRow[];
  /** Only the holder of this token may record or release these rows. */
  leaseToken: string;
}

/**
 * Moves rows whose dialer stopped (lease passed while `dialing`) back to `scheduled`, due at once, and ends their
 * open attempts as `interrupted`. A live dialer renews its leases, so only a dead one's rows come back.
 */
export async function releaseExpiredLeases(db: Knex | Knex.Transaction, now: Date): Promise<string[]> {
  const nowIso = now.toISOString();
  const released: { id: string }[] = await db('callbacks')
    .where('state', 'dialing')
    .where('locked_until', '<=', nowIso)
    .update({ state: 'scheduled', locked_until: null, lease_token: null, updated_at: nowIso }, ['id']);
  const ids = released.map((r) => r.id);
  if (ids.length > 0) {
    await db('callback_attempts')
      .whereIn('callback_id', ids)
      .whereNull('ended_at')
      .update({ ended_at: nowIso, outcome: 'interrupted' });
  }
  return ids;
}

/** Outbound calls in progress across every dialer sharing the store (live leases). */
export async function countDialing(db: Knex | Knex.Transaction, now: Date): Promise<number> {
  const row = await db('callbacks')
    .where('state', 'dialing')
    .where('locked_until', '>', now.toISOString())
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/**
 * Leases up to `limit` due callbacks in one UPDATE … WHERE id IN (due, oldest first) RETURNING: of two dialers
 * claiming at once, each row goes to exactly one. The (state, next_call_at) index keeps the cost to the due rows.
 */
export async function claimDueCallbacks(
  db: Knex | Knex.Transaction,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<CallbackClaim> {
  const leaseToken = randomBytes(12).toString('hex');
  if (limit <= 0) return { rows: [], leaseToken };
  const nowIso = now.toISOString();
  const due = db('callbacks')
    .select('id')
    .where('state', 'scheduled')
    .where('next_call_at', '<=', nowIso)
    .orderBy('next_call_at')
    .orderBy('id')
    .limit(limit);
  // The outer condition repeats the state: PostgreSQL re-checks it on a row another claim just took.
  const rows: CallbackRow[] = await db('callbacks')
    .whereIn('id', due)
    .where('state', 'scheduled')
    .update(
      {
        state: 'dialing',
        locked_until: new Date(now.getTime() + leaseMs).toISOString(),
        lease_token: leaseToken,
        updated_at: nowIso,
      },
      '*',
    );
  rows.sort((a, b) => a.next_call_at.localeCompare(b.next_call_at) || a.id.localeCompare(b.id));
  return { rows, leaseToken };
}

/** Keeps a call's lease alive; false when it was lost (cancelled by an admin, or taken back after it ran out). */
export async function renewLease(db: Knex, id: string, leaseToken: string, until: Date): Promise<boolean> {
  const count = await db('callbacks')
    .where({ id, lease_token: leaseToken, state: 'dialing' })
    .update({ locked_until: until.toISOString() });
  return count > 0;
}

/** Gives a claimed row back without a call: `scheduled` at `at`, or a final state. Only the lease holder can. */
export async function releaseClaim(
  db: Knex | Knex.Transaction,
  id: string,
  leaseToken: string,
  change: { state: 'scheduled'; at: Date } | { state: 'done' | 'cancelled' | 'unreachable'; outcome?: string },
  now: Date,
): Promise<boolean> {
  const count = await db('callbacks')
    .where({ id, lease_token: leaseToken })
    .update({
      state: change.state,
      ...(change.state === 'scheduled' ? { next_call_at: change.at.toISOString() } : {}),
      ...(change.state !== 'scheduled' && change.outcome ? { last_outcome: change.outcome } : {}),
      locked_until: null,
      lease_token: null,
      updated_at: now.toISOString(),
    });
  return count > 0;
}
