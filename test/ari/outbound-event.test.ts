import { expect } from 'chai';
import { toOutboundEvent } from '../../src/ari/outbound-event';

describe('ari/toOutboundEvent', () => {
  it('when a Dial event comes, then it is routed to the dialled channel (peer) with its status', () => {
    expect(toOutboundEvent({ type: 'Dial', peer: { id: 'cb-1' }, dialstatus: 'BUSY' })).to.deep.equal({
      channelId: 'cb-1',
      event: { type: 'dial', status: 'BUSY' },
    });
  });

  it('when a channel is destroyed, then its Q.850 cause goes with it', () => {
    expect(toOutboundEvent({ type: 'ChannelDestroyed', channel: { id: 'cb-1-2' }, cause: 17 })).to.deep.equal({
      channelId: 'cb-1-2',
      event: { type: 'destroyed', channelId: 'cb-1-2', cause: 17 },
    });
  });

  it('when an event lacks what is read, or is of another type, then nothing is routed', () => {
    expect(toOutboundEvent({ type: 'Dial', dialstatus: 'BUSY' })).to.equal(undefined);
    expect(toOutboundEvent({ type: 'ChannelDestroyed' })).to.equal(undefined);
    expect(toOutboundEvent({ type: 'ChannelDtmfReceived', channel: { id: 'cb-1' } })).to.equal(undefined);
  });
});
