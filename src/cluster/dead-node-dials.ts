import type { AriOps } from '../ari/ari-ops';
import { settleOrphanDials, type OrphanDialDeps } from '../callback/settle-orphan-dials';

/**
 * Settles the callbacks a dead node's dialer held (src/callback/settle-orphan-dials.ts) from what Asterisk has now:
 * one listing of its channels for all of them, however many, so the takeover's ARI requests stay within one
 * heartbeat. How many are still in a call: until none is, the node's row stays and the next heartbeat looks again.
 */
export async function settleDialsOf(
  ops: Pick<AriOps, 'listChannels'>,
  deps: Omit<OrphanDialDeps, 'channelUp'>,
  nodeId: string,
): Promise<number> {
  const rows = await deps.store.callbacks.listDialingClaimedBy(nodeId);
  if (rows.length === 0) return 0;
  let listing: Promise<Set<string>> | undefined;
  const channels = () => (listing ??= ops.listChannels().then((all) => new Set(all.map((c) => c.id))));
  const settled = await settleOrphanDials({ ...deps, channelUp: async (id) => (await channels()).has(id) }, rows);
  return settled.left;
}
