import type { Knex } from 'knex';

/** One write of a group: a single statement (or a savepoint of its own) on the group's transaction. */
export type GroupWrite<T> = (trx: Knex.Transaction) => Promise<T>;

export interface GroupCommit {
  /**
   * Runs `write` in the next shared transaction and settles once that transaction has committed, so
   * a resolved write is as durable as one committed alone. `write` must use only `trx` (the store has
   * one connection, which the group holds) and be one statement, or wrap several in `trx.transaction`:
   * a failed statement is undone alone and fails only its own write.
   */
  write<T>(write: GroupWrite<T>): Promise<T>;
}

/** Writes in one group at most, so that other queries waiting for the connection are not held long. */
export const MAX_GROUP = 64;

interface Pending {
  write: GroupWrite<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit: the merchant API's writes that arrive together share one transaction, so they share
 * one commit (and, with SQLITE_SYNCHRONOUS=full, one fsync) instead of paying one each. The group
 * forms while the previous one commits, so a lone write waits for nothing but its own commit.
 */
export function createGroupCommit(db: Knex): GroupCommit {
  let queue: Pending[] = [];
  let running = false;

  async function runGroup(group: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      await db.transaction(async (trx) => {
        for (const pending of group) {
          try {
            outcomes.push({ ok: true, value: await pending.write(trx) });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // Nothing of the group is stored: every write fails, with the reason.
      for (const pending of group) pending.reject(err);
      return;
    }
    group.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.err);
    });
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const group = queue.slice(0, MAX_GROUP);
        queue = queue.slice(group.length);
        await runGroup(group);
      }
    } finally {
      running = false;
    }
  }

  return {
    write<T>(write: GroupWrite<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        // Wait one turn so that requests parsed in the same turn join the group.
        if (!running) {
          running = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}
