/** What an originated channel's watcher learns, from the app's dispatcher (never raw payloads). */
export type OutboundEvent =
  /** A Dial event's status for the channel: '', RINGING, PROGRESS, then BUSY, ANSWER, NOANSWER, … */
  | { type: 'dial'; status: string }
  /** The channel (or, for Local channels, its other half) is gone, with its Q.850 cause. */
  | { type: 'destroyed'; channelId: string; cause: number | undefined }
  /** Answered: the channel entered the app and the call script started. */
  | { type: 'script-started' }
  | { type: 'script-ended' }
  /** The app lost its WebSocket or stopped: nothing more will arrive for this channel. */
  | { type: 'lost' };

export interface RoutedOutboundEvent {
  channelId: string;
  event: OutboundEvent;
}

/** The client-level ARI events originated channels listen to, besides StasisStart. */
export const outboundEventTypes = ['Dial', 'ChannelDestroyed'] as const;

/** The fields we read from the ARI events above. */
export interface RawOutboundEvent {
  type: string;
  channel?: { id: string };
  /** Dial: the dialled channel, which for ARI's originate is the channel we created. */
  peer?: { id: string };
  dialstatus?: string;
  cause?: number;
}

export function toOutboundEvent(raw: RawOutboundEvent): RoutedOutboundEvent | undefined {
  if (raw.type === 'Dial' && raw.peer && typeof raw.dialstatus === 'string') {
    return { channelId: raw.peer.id, event: { type: 'dial', status: raw.dialstatus } };
  }
  if (raw.type === 'ChannelDestroyed' && raw.channel) {
    const cause = typeof raw.cause === 'number' ? raw.cause : undefined;
    return { channelId: raw.channel.id, event: { type: 'destroyed', channelId: raw.channel.id, cause } };
  }
  return undefined;
}
