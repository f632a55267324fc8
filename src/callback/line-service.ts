import type { Repositories } from '../store/store';
import { freeOutboundLines, type LineSettings, type LinesInUse } from './line-capacity';

export interface LineUsage {
  inbound: number;
  outbound: number;
  maxOutbound: number;
  reserved: number;
  total: number;
  /** Outbound calls that may start now. */
  freeOutbound: number;
  /** When the counts were taken (the running service's last snapshot, for a separate process). */
  asOf: string;
  /** The snapshot is older than a minute: the service may not be running. */
  stale?: boolean;
}

export interface LineService {
  show(): Promise<LineUsage>;
}

/** Where the counts come from: the running service's own counters, or the snapshot it stores. */
export type LineUsageSource = () => Promise<LinesInUse & { asOf: Date }>;

export function createLineService(deps: { lines: LineSettings; usage: LineUsageSource; now: () => Date }): LineService {
  return {
    async show() {
      const inUse = await deps.usage();
      const stale = deps.now().getTime() - inUse.asOf.getTime() > STALE_AFTER_MS;
      return {
        inbound: inUse.inbound,
        outbound: inUse.outbound,
        maxOutbound: deps.lines.maxOutbound,
        reserved: deps.lines.reservedInbound,
        total: deps.lines.total,
        freeOutbound: freeOutboundLines(deps.lines, inUse),
        asOf: inUse.asOf.toISOString(),
        ...(stale ? { stale } : {}),
      };
    },
  };
}

const STALE_AFTER_MS = 60_000;
const SNAPSHOT_ID = 'trunk';

/** In the service: its live counters. */
export function liveLineUsage(counters: { inbound(): number; outbound(): number }, now: () => Date): LineUsageSource {
  return () => Promise.resolve({ inbound: counters.inbound(), outbound: counters.outbound(), asOf: now() });
}

/** Stores what the service sees, for `lines show` in another process (the dialer writes it on every run). */
export async function recordLineUsage(store: Pick<Repositories, 'lineUsage'>, inUse: LinesInUse, now: Date): Promise<void> {
  await store.lineUsage.save({
    id: SNAPSHOT_ID,
    inbound: inUse.inbound,
    outbound: inUse.outbound,
    updated_at: now.toISOString(),
  });
}

/**
 * In the admin CLI: inbound from the service's last snapshot; outbound counted now from the live leases,
 * which every dialer sharing the store holds while it dials.
 */
export function storedLineUsage(store: Pick<Repositories, 'lineUsage' | 'callbacks'>, now: () => Date): LineUsageSource {
  return async () => {
    const at = now();
    const snapshot = await store.lineUsage.find(SNAPSHOT_ID);
    return {
      inbound: Number(snapshot?.inbound ?? 0),
      outbound: await store.callbacks.countDialing(at.toISOString()),
      // No snapshot yet: the service never ran its dialer, so the inbound count is unknown (shown as stale).
      asOf: snapshot ? new Date(snapshot.updated_at) : new Date(0),
    };
  };
}
