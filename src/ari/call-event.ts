/** What a call needs to know from the ARI event stream, stripped of everything else (digits stay in memory only). */
export type CallEvent =
  { type: 'dtmf'; digit: string } | { type: 'playback-finished'; playbackId: string; failed: boolean } | { type: 'hangup' };

export interface RoutedCallEvent {
  channelId: string;
  event: CallEvent;
}

/** The client-level ARI events a call listens to; registered once per client, never per channel. */
export const callEventTypes = [
  'ChannelDtmfReceived',
  'PlaybackFinished',
  'StasisEnd',
  'ChannelDestroyed',
  'ChannelHangupRequest',
] as const;

/** The fields we read from the ARI events above. */
export interface RawAriEvent {
  type: string;
  channel?: { id: string };
  digit?: string;
  playback?: { id: string; state: string; target_uri: string };
}

export function toCallEvent(raw: RawAriEvent): RoutedCallEvent | undefined {
  switch (raw.type) {
    case 'ChannelDtmfReceived':
      if (!raw.channel || raw.digit === undefined) return undefined;
      return { channelId: raw.channel.id, event: { type: 'dtmf', digit: raw.digit } };
    case 'PlaybackFinished': {
      const target = raw.playback?.target_uri ?? '';
      if (!raw.playback || !target.startsWith('channel:')) return undefined;
      const failed = raw.playback.state === 'failed';
      return {
        channelId: target.slice('channel:'.length),
        event: { type: 'playback-finished', playbackId: raw.playback.id, failed },
      };
    }
    case 'StasisEnd':
    case 'ChannelDestroyed':
    case 'ChannelHangupRequest':
      return raw.channel ? { channelId: raw.channel.id, event: { type: 'hangup' } } : undefined;
    default:
      return undefined;
  }
}
