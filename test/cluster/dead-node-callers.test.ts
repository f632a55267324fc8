import { expect } from 'chai';
import pino from 'pino';
import { releaseCallersOf, releaseCallersOnServers } from '../../src/cluster/dead-node-callers';
import { FakeAriOps } from '../ari/fake-ari-ops';

const log = pino({ level: 'silent' });

describe('cluster/releaseCallersOf', () => {
  let ops: FakeAriOps;
  beforeEach(() => {
    ops = new FakeAriOps();
    ops.channels = [
      { id: 'a-1', appName: 'Stasis', appData: 'ivrpay-a,inbound,583920,' },
      { id: 'a-2', appName: 'Stasis', appData: 'ivrpay-a,agent-assist,8001' },
      { id: 'a-3', appName: 'Stasis', appData: 'ivrpay-a' },
      { id: 'b-1', appName: 'Stasis', appData: 'ivrpay-b,inbound,583920,' },
      { id: 'ab-1', appName: 'Stasis', appData: 'ivrpay-ab,inbound,,' },
      { id: 'pb-1', appName: 'Playback', appData: '/sounds/zh/service-unavailable' },
      { id: 'x-1', appName: '', appData: '' },
    ];
  });

  it("when a node is dead, then each channel in its Stasis app is continued after its Stasis(), and no other app's", async () => {
    expect(await releaseCallersOf(ops, 'ivrpay-a', log)).to.equal(3);
    expect(ops.of('continueAfterStasis')).to.deep.equal([['a-1'], ['a-2'], ['a-3']]);
  });

  it('when the dead node had no callers left, then nothing is continued', async () => {
    expect(await releaseCallersOf(ops, 'ivrpay-c', log)).to.equal(0);
    expect(ops.of('continueAfterStasis')).to.deep.equal([]);
  });

  it('when Asterisk cannot list or continue, then the failure is thrown, so the takeover is tried again', async () => {
    ops.continueAfterImpl = (id) =>
      id === 'a-2' ? Promise.reject(new Error('{"message":"Internal error"}')) : Promise.resolve();
    const err = await releaseCallersOf(ops, 'ivrpay-a', log).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(Error);
  });

  it('when the dead node rejoined after it was read as dead, then the calls it took since are left alone', async () => {
    const readAt = new Date('2026-12-06T23:00:00.000Z');
    ops.channels = [
      { id: 'a-old', appName: 'Stasis', appData: 'ivrpay-a,inbound,583920,', createdAt: '2026-12-06T22:59:50.000+0000' },
      { id: 'a-new', appName: 'Stasis', appData: 'ivrpay-a,inbound,583920,', createdAt: '2026-12-06T23:00:00.400+0000' },
      { id: 'a-unknown', appName: 'Stasis', appData: 'ivrpay-a' },
    ];
    expect(await releaseCallersOf(ops, 'ivrpay-a', log, readAt)).to.equal(2);
    expect(ops.of('continueAfterStasis')).to.deep.equal([['a-old'], ['a-unknown']]);
  });

  describe('on several Asterisk servers', () => {
    it("when one server cannot be reached, then the dead node's callers on the others are released and the takeover counts as done", async () => {
      const down = new FakeAriOps();
      down.listChannels = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8089'));
      const servers = [
        { server: 'a:8088', ops },
        { server: 'b:8089', ops: down },
      ];
      expect(await releaseCallersOnServers(servers, 'ivrpay-a', log)).to.equal(3);
      expect(ops.of('continueAfterStasis')).to.have.length(3);
    });

    it('when no server can be reached, then the failure is thrown, so the takeover is tried again', async () => {
      const down = new FakeAriOps();
      down.listChannels = () => Promise.reject(new Error('connect ECONNREFUSED'));
      const err = await releaseCallersOnServers([{ server: 'b:8089', ops: down }], 'ivrpay-a', log).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(Error);
    });
  });
});
