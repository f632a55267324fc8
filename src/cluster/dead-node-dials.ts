import type { AriOps } from '../ari/ari-ops';
import { settleOrphanDials, type OrphanDialDeps } from '../callback/settle-orphan-dials';

/** One Asterisk server as the takeover reaches it. */
export interface TakeOverServer {
  server: string;
  ops: Pick<AriOps, 'listChannels'>;
}

/**
 * Settles the callbacks a dead node's dialer held (src/callback/settle-orphan-dials.ts) from what Asterisk has now:
 * one listing of each server's channels for all of them, however many, so the takeover's ARI requests stay within
 * one heartbeat. A call is looked for on the server its attempt names (on every server when it names none, or one
 * this node does not know); a server that does not answer may still have it, so it counts as up and waits, never
 * redialled meanwhile (the lease brings it back if that server never answers). How many are still in a call: until
 * none is, the node's row stays and the next heartbeat looks again.
 */
export async function settleDialsOf(
  servers: TakeOverServer[],
  deps: Omit<OrphanDialDeps, 'channelUp'>,
  nodeId: string,
): Promise<number> {
  const rows = await deps.store.callbacks.listDialingClaimedBy(nodeId);
  if (rows.length === 0) return 0;
  const listings = new Map<string, Promise<Set<string> | undefined>>();
  const channelsOn = ({ server, ops }: TakeOverServer) => {
    let listing = listings.get(server);
    if (!listing) {
      listing = ops.listChannels().then(
        (all) => new Set(all.map((c) => c.id)),
        (err: unknown) => {
          deps.log.warn({ err, server }, "a dead node's callbacks on this server wait: it did not answer");
          return undefined;
        },
      );
      listings.set(server, listing);
    }
    return listing;
  };
  const channelUp = async (channelId: string, server: string | null) => {
    const named = servers.filter((s) => s.server === server);
    const found = await Promise.all((named.length > 0 ? named : servers).map(channelsOn));
    return found.some((channels) => channels === undefined || channels.has(channelId));
  };
  return (await settleOrphanDials({ ...deps, channelUp }, rows)).left;
}
