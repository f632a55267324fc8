import { freeOutboundLines, type LineSettings } from './line-capacity';

/** An Asterisk server as the dialer sees it: reachable or not, and this node's inbound calls on it. */
export interface ServerLoad {
  server: string;
  connected: boolean;
  inbound: number;
}

/**
 * Free outbound lines on each connected server, every server's trunk having `lines` (issue 12: capacity is per server).
 * Outbound in use is the store's count across every node (`dialing`, by server; rows that name no server were placed
 * before servers were named, on the first one), or this node's own calls there when more (a lease lost mid-call).
 * A server that is not connected gets none: it is skipped until it answers again.
 */
export function freeLinesByServer(
  lines: LineSettings,
  servers: ServerLoad[],
  dialing: Map<string | null, number>,
  own: Map<string, number>,
): Map<string, number> {
  const free = new Map<string, number>();
  servers.forEach((s, i) => {
    if (!s.connected) return;
    const stored = (dialing.get(s.server) ?? 0) + (i === 0 ? (dialing.get(null) ?? 0) : 0);
    const outbound = Math.max(stored, own.get(s.server) ?? 0);
    free.set(s.server, freeOutboundLines(lines, { inbound: s.inbound, outbound }));
  });
  return free;
}

/** A server for each of `count` calls: each to the one with the most free lines left (ties: the first listed). */
export function assignServers(count: number, free: Map<string, number>): string[] {
  const left = new Map(free);
  const chosen: string[] = [];
  for (let i = 0; i < count; i++) {
    let best: string | undefined;
    for (const [server, n] of left) if (n > 0 && (best === undefined || n > (left.get(best) ?? 0))) best = server;
    if (best === undefined) break;
    left.set(best, (left.get(best) ?? 0) - 1);
    chosen.push(best);
  }
  return chosen;
}

export function totalOf(free: Map<string, number>): number {
  return [...free.values()].reduce((sum, n) => sum + n, 0);
}
