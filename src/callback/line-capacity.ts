/** The trunk's channels and how many outbound callbacks may use. */
export interface LineSettings {
  /** Channels the trunk carries at once, inbound and outbound together. */
  total: number;
  /** Most outbound callbacks at once. */
  maxOutbound: number;
  /** Lines outbound calls never take, so cardholders can always call in. */
  reservedInbound: number;
}

export interface LinesInUse {
  inbound: number;
  outbound: number;
}

/**
 * How many more outbound calls may start now. Outbound stays under its own cap and off the reserved lines;
 * inbound calls beyond the reserve take lines from the shared pool, so outbound shrinks as inbound grows.
 */
export function freeOutboundLines(lines: LineSettings, inUse: LinesInUse): number {
  const inboundShare = Math.max(lines.reservedInbound, inUse.inbound);
  const ceiling = Math.min(lines.maxOutbound, lines.total - inboundShare);
  return Math.max(0, ceiling - inUse.outbound);
}
