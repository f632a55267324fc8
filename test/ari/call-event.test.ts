import { expect } from 'chai';
import { toCallEvent } from '../../src/ari/call-event';

describe('ari/toCallEvent', () => {
  it('when a key arrives, then it is routed to its channel as a dtmf event', () => {
    expect(toCallEvent({ type: 'ChannelDtmfReceived', channel: { id: 'c1' }, digit: '5' })).to.deep.equal({
      channelId: 'c1',
      event: { type: 'dtmf', digit: '5' },
    });
  });

  it('when a playback on a channel finishes, then it is routed by its target, failed or not', () => {
    const playback = (state: string) => ({ id: 'p1', state, target_uri: 'channel:c1' });
    expect(toCallEvent({ type: 'PlaybackFinished', playback: playback('failed') })).to.deep.equal({
      channelId: 'c1',
      event: { type: 'playback-finished', playbackId: 'p1', failed: true },
    });
    expect(toCallEvent({ type: 'PlaybackFinished', playback: playback('done') })?.event).to.deep.include({ failed: false });
  });

  it('when a playback targets a bridge, then it is not a call event', () => {
    const playback = { id: 'p1', state: 'done', target_uri: 'bridge:b1' };
    expect(toCallEvent({ type: 'PlaybackFinished', playback })).to.equal(undefined);
  });

  for (const type of ['StasisEnd', 'ChannelDestroyed', 'ChannelHangupRequest']) {
    it(`when ${type} arrives, then the call is told it is hung up`, () => {
      expect(toCallEvent({ type, channel: { id: 'c1' } })).to.deep.equal({ channelId: 'c1', event: { type: 'hangup' } });
    });
  }

  it('when another event arrives, then it is ignored', () => {
    expect(toCallEvent({ type: 'ChannelVarset', channel: { id: 'c1' } })).to.equal(undefined);
  });
});
