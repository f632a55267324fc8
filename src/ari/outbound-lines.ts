import type { OutboundEvent } from './outbound-event';

export type OutboundWatch = (event: OutboundEvent) => void;

/**
 * The outbound lines in use: each originated channel from the request until its watcher lets go,
 * ringing included (a ringing call holds a trunk line). Events reach a watcher by channel id, for
 * the channel and, for Local channels, its other half.
 */
export class OutboundLines {
  private readonly watchers = new Map<string, OutboundWatch>();
  /** Line (the channel we created) → every channel id its watcher listens to. */
  private readonly lines = new Map<string, string[]>();

  add(channelId: string, otherIds: string[], watch: OutboundWatch): void {
    const ids = [channelId, ...otherIds];
    if (ids.some((id) => this.watchers.has(id))) throw new Error(`channel ${channelId} is already watched`);
    for (const id of ids) this.watchers.set(id, watch);
    this.lines.set(channelId, ids);
  }

  release(channelId: string): void {
    for (const id of this.lines.get(channelId) ?? []) this.watchers.delete(id);
    this.lines.delete(channelId);
  }

  /** True for a line's own channel (not its Local other half). */
  isLine(channelId: string): boolean {
    return this.lines.has(channelId);
  }

  deliver(channelId: string, event: OutboundEvent): void {
    this.watchers.get(channelId)?.(event);
  }

  count(): number {
    return this.lines.size;
  }

  lineIds(): string[] {
    return [...this.lines.keys()];
  }

  /** Tells every watcher that no more events will come; returns the lines' channel ids. */
  loseAll(): string[] {
    const ids = this.lineIds();
    for (const id of ids) this.deliver(id, { type: 'lost' });
    return ids;
  }
}
