import { expect } from 'chai';
import sinon from 'sinon';
import { createAriOps } from '../../src/ari/ari-ops';
import { AriTimeoutError } from '../../src/ari/with-timeout';
import { FakeAriClient } from './fake-ari-client';
import { rejectionOf } from './rejection-of';

describe('ari/createAriOps', () => {
  it('when Asterisk never answers a request, then it rejects with ari_timeout after the set time', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const client = new FakeAriClient();
      client.respond = () => new Promise(() => {});
      const pending = rejectionOf(createAriOps(client.asClient(), 3000).answer('c1'));
      await clock.tickAsync(3000);
      expect(await pending).to.be.instanceOf(AriTimeoutError);
    } finally {
      clock.restore();
    }
  });

  it('when hanging up a channel that is gone, then it resolves', async () => {
    const client = new FakeAriClient();
    client.respond = () => Promise.reject(new Error('{"message":"Channel not found"}'));
    await createAriOps(client.asClient(), 3000).hangup('c1');
    expect(client.ops('channels.hangup')).to.deep.equal([{ channelId: 'c1' }]);
  });

  it('when stopping a playback that already ended (404), then it resolves', async () => {
    const client = new FakeAriClient();
    client.respond = () => Promise.reject(new Error('{"message":"Playback not found"}'));
    await createAriOps(client.asClient(), 3000).stopPlayback('p1');
  });

  it('when hanging up fails for another reason, then it rejects', async () => {
    const client = new FakeAriClient();
    client.respond = () => Promise.reject(new Error('{"message":"Internal error"}'));
    expect(await rejectionOf(createAriOps(client.asClient(), 3000).hangup('c1'))).to.be.instanceOf(Error);
  });

  it('when playing, then one request carries every media URI, the playback id and the language', async () => {
    const client = new FakeAriClient();
    client.autoFinish = false;
    await createAriOps(client.asClient(), 3000).play('c1', 'p1', ['sound:/a', 'sound:/b'], 'zh');
    expect(client.ops('channels.play')).to.deep.equal([
      { channelId: 'c1', playbackId: 'p1', media: ['sound:/a', 'sound:/b'], lang: 'zh' },
    ]);
  });

  it('when a channel is continued after its Stasis(), then no place is sent; one gone or out of any app counts as done', async () => {
    const client = new FakeAriClient();
    const ops = createAriOps(client.asClient(), 3000);
    await ops.continueAfterStasis('c1');
    expect(client.ops('channels.continueInDialplan')).to.deep.equal([{ channelId: 'c1' }]);
    client.respond = () => Promise.reject(new Error('{"message":"Channel not in Stasis application"}'));
    await ops.continueAfterStasis('c1');
    client.respond = () => Promise.reject(new Error('{"message":"Channel not found"}'));
    await ops.continueAfterStasis('c1');
    client.respond = () => Promise.reject(new Error('{"message":"Internal error"}'));
    expect(await rejectionOf(ops.continueAfterStasis('c1'))).to.be.instanceOf(Error);
  });

  it('when listing channels, then each gives its id, dialplan application and creation time', async () => {
    const client = new FakeAriClient();
    const creationtime = '2026-12-06T23:01:21.123+0000';
    client.channelList = [{ id: 'c1', dialplan: { app_name: 'Stasis', app_data: 'ivrpay,inbound,123456' }, creationtime }];
    expect(await createAriOps(client.asClient(), 3000).listChannels()).to.deep.equal([
      { id: 'c1', appName: 'Stasis', appData: 'ivrpay,inbound,123456', createdAt: creationtime },
    ]);
  });
});
