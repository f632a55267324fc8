import type { NodeRow } from '../node-rows';
import type { Source } from '../source';

/** The `nodes` table: which app nodes share this store, and when each was last heard of. */
export interface NodeRepository {
  find(id: string): Promise<NodeRow | undefined>;
  /** Writes the node's row, or its heartbeat (and host, pid, start when it starts again). */
  upsert(row: NodeRow): Promise<void>;
  /** Only the heartbeat; false when the row is gone (another node took this one for dead and removed it). */
  beat(id: string, nowIso: string): Promise<boolean>;
  /** Nodes other than `self` whose last heartbeat is older than `beforeIso`. */
  expired(self: string, beforeIso: string): Promise<NodeRow[]>;
  /** Removes a dead node's row once its work is taken over; false when another node already had. */
  remove(id: string, heartbeatAt: string): Promise<boolean>;
  list(): Promise<NodeRow[]>;
}

export function createNodeRepository(db: Source): NodeRepository {
  const nodes = () => db.table('nodes');
  return {
    find: (id) => nodes().where({ id }).first(),
    async upsert(row) {
      await nodes().insert(row).onConflict('id').merge();
    },
    async beat(id, nowIso) {
      return (await nodes().where({ id }).update({ heartbeat_at: nowIso })) > 0;
    },
    expired: (self, beforeIso) => nodes().whereNot({ id: self }).where('heartbeat_at', '<', beforeIso).orderBy('id'),
    async remove(id, heartbeatAt) {
      // Only the row as it was seen expired: a node that came back meanwhile has a newer heartbeat and stays.
      return (await nodes().where({ id, heartbeat_at: heartbeatAt }).delete()) > 0;
    },
    list: () => nodes().orderBy('id'),
  };
}
