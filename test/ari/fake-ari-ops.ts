import type { AriChannelInfo, AriOps, OriginateChannel } from '../../src/ari/ari-ops';

export interface OpsCall {
  op: keyof AriOps;
  args: unknown[];
}

/** Records every request; each answers at once unless a test replaces it (e.g. with a never-settling promise). */
export class FakeAriOps implements AriOps {
  readonly calls: OpsCall[] = [];
  channels: AriChannelInfo[] = [];
  answerImpl = (): Promise<void> => Promise.resolve();
  playImpl = (): Promise<void> => Promise.resolve();
  setVarImpl = (): Promise<void> => Promise.resolve();
  hangupImpl = (): Promise<void> => Promise.resolve();
  continueImpl = (): Promise<void> => Promise.resolve();
  continueAfterImpl = (_channelId: string): Promise<void> => Promise.resolve();
  muteImpl = (): Promise<void> => Promise.resolve();
  originateImpl = (_request: OriginateChannel): Promise<void> => Promise.resolve();

  answer(channelId: string) {
    this.calls.push({ op: 'answer', args: [channelId] });
    return this.answerImpl();
  }
  play(channelId: string, playbackId: string, media: string[], lang: string) {
    this.calls.push({ op: 'play', args: [channelId, playbackId, media, lang] });
    return this.playImpl();
  }
  stopPlayback(playbackId: string) {
    this.calls.push({ op: 'stopPlayback', args: [playbackId] });
    return Promise.resolve();
  }
  hangup(channelId: string) {
    this.calls.push({ op: 'hangup', args: [channelId] });
    return this.hangupImpl();
  }
  setVar(channelId: string, name: string, value: string) {
    this.calls.push({ op: 'setVar', args: [channelId, name, value] });
    return this.setVarImpl();
  }
  continueInDialplan(channelId: string, context: string, extension: string) {
    this.calls.push({ op: 'continueInDialplan', args: [channelId, context, extension] });
    return this.continueImpl();
  }
  continueAfterStasis(channelId: string) {
    this.calls.push({ op: 'continueAfterStasis', args: [channelId] });
    return this.continueAfterImpl(channelId);
  }
  originate(request: OriginateChannel) {
    this.calls.push({ op: 'originate', args: [request] });
    return this.originateImpl(request);
  }
  createBridge(bridgeId: string) {
    this.calls.push({ op: 'createBridge', args: [bridgeId] });
    return Promise.resolve();
  }
  addToBridge(bridgeId: string, channelId: string, opts: { absorbDtmf: boolean }) {
    this.calls.push({ op: 'addToBridge', args: [bridgeId, channelId, opts] });
    return Promise.resolve();
  }
  destroyBridge(bridgeId: string) {
    this.calls.push({ op: 'destroyBridge', args: [bridgeId] });
    return Promise.resolve();
  }
  muteIncoming(channelId: string, muted: boolean) {
    this.calls.push({ op: 'muteIncoming', args: [channelId, muted] });
    return this.muteImpl();
  }
  listChannels() {
    this.calls.push({ op: 'listChannels', args: [] });
    return Promise.resolve(this.channels);
  }

  of(op: keyof AriOps): unknown[][] {
    return this.calls.filter((c) => c.op === op).map((c) => c.args);
  }
}
