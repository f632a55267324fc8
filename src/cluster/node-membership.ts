import os from 'node:os';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import type { Store } from '../store/store';

/** This node as the config gives it (NODE_ID, NODE_HEARTBEAT_MS, NODE_EXPIRY_MS). */
export interface NodeSettings {
  id: string;
  heartbeatMs: number;
  expiryMs: number;
}

export interface MembershipDeps {
  store: Pick<Store, 'nodes'>;
  log: Logger;
  now: () => Date;
  node: NodeSettings;
  /** Releases the work of dead nodes (their calls' orders: src/order/call-orders.ts); how many orders. */
  takeOver(nodeIds: string[]): Promise<number>;
  /** This node's Stasis app (ARI_APP), recorded in its row so that a survivor can find its callers. */
  app?: string;
  /** Sends the callers a dead node left in its app to the fallback prompt (src/cluster/dead-node-callers.ts); how many. */
  releaseCallers?(app: string, deadAt: Date): Promise<number>;
  /**
   * Settles the callbacks a dead node's dialer held (src/cluster/dead-node-dials.ts); how many are still in a call.
   * While any is, its row stays, and the next beat looks again.
   */
  settleDials?(nodeId: string): Promise<number>;
  /** This process, as the node row records it; the real one unless a test says otherwise. */
  host?: string;
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

export interface Membership {
  /** One heartbeat and one look for dead nodes, as the timer does: for tests and the first round. */
  tick(): Promise<void>;
  /** Stops the heartbeat and marks the node gone, so the others take over what it left at once. */
  leave(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, run by another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Joins the nodes sharing this store (README, "Several app nodes"): refuses to start when a live node
 * already has this id (its calls would be taken for this node's and recovered), writes the node's row, then beats
 * every `heartbeatMs`. At each beat, any other node silent for `expiryMs` is taken for dead: its calls' orders are
 * released, the callers it left in its Stasis app are sent to the fallback prompt, its callbacks settled, and its row
 * removed (not before: a failure, or a callback still in a call, is tried again at the next beat). A node that finds
 * its own row gone was itself taken for dead (paused longer than the expiry): it says so and writes it again; the
 * calls it still had can no longer pay (their orders were released). After a heartbeat failed (the store unreachable), no node is taken for dead until the store has
 * answered for a whole expiry: the others' heartbeats failed too.
 */
export async function joinNodes(deps: MembershipDeps): Promise<Membership> {
  const { store, log, node } = deps;
  const host = deps.host ?? os.hostname();
  const pid = deps.pid ?? process.pid;
  const alive = deps.isAlive ?? processAlive;
  const nowIso = () => deps.now().toISOString();

  const known = await store.nodes.find(node.id);
  if (known) {
    const silentMs = deps.now().getTime() - Date.parse(known.heartbeat_at);
    // On this host the pid says whether that node still runs (this very process restarting its service is not
    // another); elsewhere only a fresh heartbeat can.
    const elsewhereOrAlive = known.host !== host || (known.pid !== pid && alive(known.pid));
    if (silentMs < node.expiryMs && elsewhereOrAlive) {
      throw new AppError(
        'config_invalid',
        `NODE_ID ${node.id} is in use by a running node (${known.host}, pid ${known.pid}, last heartbeat ${Math.round(silentMs / 1000)} s ago): give each node its own NODE_ID`,
      );
    }
  }
  const started = nowIso();
  const app = deps.app ?? null;
  await store.nodes.upsert({ id: node.id, host, pid, started_at: started, heartbeat_at: started, app });
  log.info({ node: node.id, heartbeatMs: node.heartbeatMs, expiryMs: node.expiryMs }, 'node joined');

  // When the store answered again after a heartbeat failed (PostgreSQL restarted): the other nodes could not beat
  // either, so none is judged dead until they have had a whole expiry to beat again.
  let storeBackAt: number | undefined;
  let beatFailed = false;

  async function beat(): Promise<boolean> {
    try {
      const beaten = await store.nodes.beat(node.id, nowIso());
      if (beatFailed) storeBackAt = deps.now().getTime();
      beatFailed = false;
      return beaten;
    } catch (err) {
      beatFailed = true;
      throw err;
    }
  }

  async function tick(): Promise<void> {
    if (!(await beat())) {
      log.error({ node: node.id }, 'this node was taken for dead by another (no heartbeat for NODE_EXPIRY_MS): rejoining');
      await store.nodes.upsert({ id: node.id, host, pid, started_at: started, heartbeat_at: nowIso(), app });
    }
    if (storeBackAt !== undefined && deps.now().getTime() - storeBackAt < node.expiryMs) return;
    const readAt = deps.now();
    const before = new Date(readAt.getTime() - node.expiryMs).toISOString();
    for (const dead of await store.nodes.expired(node.id, before)) {
      const orders = await deps.takeOver([dead.id]);
      // Its callers hear silence until moved. Both survivors may move them: a second continue finds them gone. Never
      // under this node's own app (two nodes given one ARI_APP): those channels are this node's live calls.
      const theirs = dead.app && dead.app !== app ? dead.app : undefined;
      const callers = theirs && deps.releaseCallers ? await deps.releaseCallers(theirs, readAt) : 0;
      // After its callers are moved: an answered callback among them is gone once it has heard the fallback.
      const dialsInCall = deps.settleDials ? await deps.settleDials(dead.id) : 0;
      if (dialsInCall > 0) continue;
      // Of two nodes taking over at once, one removes the row; the release above was conditional, so done once.
      if (await store.nodes.remove(dead.id, dead.heartbeat_at)) {
        log.warn({ node: dead.id, lastHeartbeat: dead.heartbeat_at, orders, callers }, 'node taken for dead: its calls released');
      }
    }
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      current = tick()
        .catch((err: unknown) => log.warn({ err, node: node.id }, 'node heartbeat failed: retrying'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, node.heartbeatMs);
    timer.unref();
  };
  schedule();

  return {
    tick,
    async leave() {
      stopped = true;
      clearTimeout(timer);
      await current;
      // An expired heartbeat rather than no row: a row-less node's orders would be nobody's to take over.
      await store.nodes.beat(node.id, new Date(0).toISOString());
      log.info({ node: node.id }, 'node left');
    },
  };
}
