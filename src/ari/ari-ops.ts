import type { Client } from 'ari-client';
import { isAriNotFound, isChannelGone } from './ari-not-found';
import { withTimeout } from './with-timeout';

/** A channel as `GET /channels` lists it: enough to tell which app it is in. */
export interface AriChannelInfo {
  id: string;
  /** Current dialplan application, e.g. 'Stasis', and its arguments ('ivrpay,inbound,123456'). */
  appName: string;
  appData: string;
  /** When Asterisk created it (ARI `creationtime`, e.g. 2026-12-06T23:01:21.123+0000), when given. */
  createdAt?: string;
}

/** An outbound call into our Stasis app (POST /channels). */
export interface OriginateChannel {
  channelId: string;
  /** The second half's id, for Local channels (ignored by other technologies). */
  otherChannelId?: string;
  endpoint: string;
  app: string;
  /** Joined with commas: StasisStart gives them back as `args`. */
  appArgs: string[];
  /** Seconds to ring before Asterisk gives up (cause 19). */
  timeoutSec: number;
  callerId?: string;
}

/**
 * The few ARI requests the Stasis app makes, each with a timeout. AriCall and the app use this
 * narrow interface, so unit tests replace it with a fake and need no Asterisk.
 */
export interface AriOps {
  answer(channelId: string): Promise<void>;
  /** One playback of several media URIs, under an id we choose so events can be matched first. */
  play(channelId: string, playbackId: string, media: string[], lang: string): Promise<void>;
  /** Resolves when the playback is already gone. */
  stopPlayback(playbackId: string): Promise<void>;
  /** Resolves when the channel is already gone. */
  hangup(channelId: string): Promise<void>;
  setVar(channelId: string, name: string, value: string): Promise<void>;
  /** The channel leaves the app and goes on in the dialplan at context,extension,1. */
  continueInDialplan(channelId: string, context: string, extension: string): Promise<void>;
  /**
   * The channel leaves its app (whichever app, another node's too) and goes on at the dialplan priority after its
   * Stasis(): a dead node's callers go back to ivrpay-stasis, and from there to the fallback (src/cluster). Resolves
   * when the channel is gone or no longer in an app, so two nodes continuing it is harmless.
   */
  continueAfterStasis(channelId: string): Promise<void>;
  listChannels(): Promise<AriChannelInfo[]>;
  /** Resolves once Asterisk has created the channel; dialling goes on in the background. */
  originate(request: OriginateChannel): Promise<void>;
  /** A mixing bridge under an id we choose (agent-assisted calls, src/agent-assist). */
  createBridge(bridgeId: string): Promise<void>;
  /**
   * Puts a channel into the bridge. `absorbDtmf`: the channel's DTMF frames are taken out before the bridge, so
   * no other member receives them (the cardholder's keys never reach the agent); its ChannelDtmfReceived events stay.
   */
  addToBridge(bridgeId: string, channelId: string, opts: { absorbDtmf: boolean }): Promise<void>;
  /** Resolves when the bridge is already gone; its channels stay, out of any bridge. */
  destroyBridge(bridgeId: string): Promise<void>;
  /**
   * Mutes (or unmutes) the audio a channel sends in: nothing it says reaches a bridge, while its DTMF frames still
   * reach us (the keypad tones a cardholder's phone sends as sound, src/agent-assist/muted-while-keying.ts).
   * Resolves when the channel is already gone.
   */
  muteIncoming(channelId: string, muted: boolean): Promise<void>;
}

export function createAriOps(client: Client, timeoutMs: number): AriOps {
  const timed = <T>(what: string, request: Promise<T>) => withTimeout(request, timeoutMs, what);
  const ignoreNotFound = (err: unknown) => {
    if (!isAriNotFound(err)) throw err;
  };
  const ignoreGone = (err: unknown) => {
    if (!isChannelGone(err)) throw err;
  };
  return {
    answer: (channelId) => timed('answer', client.channels.answer({ channelId })),
    play: async (channelId, playbackId, media, lang) => {
      await timed('play', client.channels.play({ channelId, playbackId, media, lang }));
    },
    stopPlayback: (playbackId) => timed('stopPlayback', client.playbacks.stop({ playbackId })).catch(ignoreNotFound),
    hangup: (channelId) => timed('hangup', client.channels.hangup({ channelId })).catch(ignoreNotFound),
    setVar: (channelId, variable, value) => timed('setVar', client.channels.setChannelVar({ channelId, variable, value })),
    continueInDialplan: (channelId, context, extension) =>
      timed('continueInDialplan', client.channels.continueInDialplan({ channelId, context, extension, priority: 1 })),
    continueAfterStasis: async (channelId) => {
      await timed('continueAfterStasis', client.channels.continueInDialplan({ channelId })).catch(ignoreGone);
    },
    listChannels: async () => {
      const channels = await timed('listChannels', client.channels.list());
      return channels.map((c) => ({
        id: c.id,
        appName: c.dialplan?.app_name ?? '',
        appData: c.dialplan?.app_data ?? '',
        createdAt: c.creationtime,
      }));
    },
    originate: async (r) => {
      await timed(
        'originate',
        client.channels.originate({
          endpoint: r.endpoint,
          app: r.app,
          appArgs: r.appArgs.join(','),
          timeout: r.timeoutSec,
          callerId: r.callerId,
          channelId: r.channelId,
          otherChannelId: r.otherChannelId,
        }),
      );
    },
    createBridge: async (bridgeId) => {
      await timed('createBridge', client.bridges.create({ bridgeId, type: 'mixing' }));
    },
    addToBridge: async (bridgeId, channel, { absorbDtmf }) => {
      // ari-client's typings predate absorbDTMF (Asterisk 16.9+); it forwards the parameter as given.
      const params = { bridgeId, channel, absorbDTMF: absorbDtmf } as Parameters<Client['bridges']['addChannel']>[0];
      await timed('addToBridge', client.bridges.addChannel(params));
    },
    destroyBridge: (bridgeId) => timed('destroyBridge', client.bridges.destroy({ bridgeId })).catch(ignoreNotFound),
    muteIncoming: (channelId, muted) =>
      timed(
        'muteIncoming',
        muted ? client.channels.mute({ channelId, direction: 'in' }) : client.channels.unmute({ channelId, direction: 'in' }),
      ).catch(ignoreNotFound),
  };
}
