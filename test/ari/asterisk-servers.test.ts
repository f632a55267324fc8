import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import pino from 'pino';
import { serverName, startAsteriskServers } from '../../src/ari/asterisk-servers';
import type { StasisApp } from '../../src/ari/stasis-app';

const log = pino({ level: 'silent' });

/** A Stasis app on one server, as far as the servers' view uses it. */
class FakeApp {
  readonly events = new EventEmitter();
  inbound = 0;
  outbound = 0;
  accepting = true;
  stopped = false;
  originated: string[] = [];
  asStasisApp(): StasisApp {
    return {
      events: this.events,
      activeCalls: (f) =>
        f?.direction === 'inbound' ? this.inbound : f?.direction === 'outbound' ? this.outbound : this.inbound + this.outbound,
      isLive: (id) => id === `live-${this.inbound}`,
      originate: (channel) => {
        this.originated.push(channel.channelId);
        return Promise.resolve({ release: () => undefined, hangup: () => Promise.resolve() });
      },
      setAccepting: (value) => {
        this.accepting = value;
      },
      stop: () => {
        this.stopped = true;
        return Promise.resolve();
      },
    };
  }
}

/** Starts that the test resolves by hand, per URL. */
function manualStarts(urls: string[]) {
  const apps = new Map(urls.map((u) => [u, new FakeApp()]));
  const resolvers = new Map<string, () => void>();
  const aborted: string[] = [];
  const start = (url: string, signal: AbortSignal) =>
    new Promise<StasisApp>((resolve, reject) => {
      resolvers.set(url, () => resolve(apps.get(url)!.asStasisApp()));
      signal.addEventListener('abort', () => {
        aborted.push(url);
        reject(new Error('closed'));
      });
    });
  const connect = async (url: string) => {
    while (!resolvers.has(url)) await new Promise((r) => setImmediate(r));
    resolvers.get(url)!();
  };
  return { apps, start, connect, aborted };
}

const A = 'http://127.0.0.1:8088';
const B = 'http://127.0.0.1:8089';
const channel = { channelId: 'cb-1', endpoint: 'Local/1@x', appArgs: ['callback', 'o', 'a'], timeoutSec: 20 };

describe('ari/startAsteriskServers', () => {
  it('when one server answers and the other is down, then the node starts on the first and the other joins when it answers', async () => {
    const m = manualStarts([A, B]);
    const starting = startAsteriskServers({ urls: [A, B], start: m.start, log });
    await m.connect(A);
    const servers = await starting;
    expect(servers.lines().map((l) => [l.server, l.connected])).to.deep.equal([
      ['127.0.0.1:8088', true],
      ['127.0.0.1:8089', false],
    ]);
    await servers
      .originate('127.0.0.1:8089', channel, () => undefined)
      .then(
        () => expect.fail('originated on a server that is not connected'),
        (err: Error) => expect(err.message).to.include('not connected'),
      );
    const up = new Promise((r) => servers.events.once('server-up', r));
    servers.setAccepting(false);
    await m.connect(B);
    expect(await up).to.deep.equal({ server: '127.0.0.1:8089' });
    expect(m.apps.get(B)!.accepting, 'a late server is told the readiness').to.equal(false);
    await servers.originate('127.0.0.1:8089', channel, () => undefined);
    expect(m.apps.get(B)!.originated).to.deep.equal(['cb-1']);
    await servers.stop();
    expect([m.apps.get(A)!.stopped, m.apps.get(B)!.stopped]).to.deep.equal([true, true]);
  });

  it("when servers drop, then 'disconnected' comes once the last one is gone and 'reconnected' when one is back", async () => {
    const m = manualStarts([A, B]);
    const starting = startAsteriskServers({ urls: [A, B], start: m.start, log });
    await m.connect(A);
    await m.connect(B);
    const servers = await starting;
    const seen: string[] = [];
    for (const name of ['disconnected', 'reconnected', 'server-down', 'server-up'])
      servers.events.on(name, (e?: { server: string }) => seen.push(e ? `${name} ${e.server}` : name));
    m.apps.get(A)!.events.emit('disconnected');
    m.apps.get(B)!.events.emit('disconnected');
    m.apps.get(B)!.events.emit('reconnected');
    expect(seen).to.deep.equal([
      'server-down 127.0.0.1:8088',
      'server-down 127.0.0.1:8089',
      'disconnected',
      'server-up 127.0.0.1:8089',
      'reconnected',
    ]);
    await servers.stop();
  });

  it('when calls run on both servers, then counts are summed and call events of each are passed on', async () => {
    const m = manualStarts([A, B]);
    const starting = startAsteriskServers({ urls: [A, B], start: m.start, log });
    await m.connect(A);
    await m.connect(B);
    const servers = await starting;
    m.apps.get(A)!.inbound = 2;
    m.apps.get(B)!.inbound = 1;
    m.apps.get(B)!.outbound = 4;
    expect(servers.activeCalls()).to.equal(7);
    expect(servers.activeCalls({ direction: 'inbound' })).to.equal(3);
    expect(servers.lines().map((l) => [l.inbound, l.outbound])).to.deep.equal([
      [2, 0],
      [1, 4],
    ]);
    expect(servers.isLive('live-1')).to.equal(true);
    const started = new Promise((r) => servers.events.once('call-start', r));
    m.apps.get(B)!.events.emit('call-start', { callId: 'c-9', args: ['inbound'] });
    expect(await started).to.deep.equal({ callId: 'c-9', args: ['inbound'] });
    await servers.stop();
  });

  it('when no server answers in time, then the start fails with the URLs and gives the connections up', async () => {
    const m = manualStarts([A, B]);
    const err = await startAsteriskServers({ urls: [A, B], start: m.start, log, connectWaitMs: 20 }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).to.equal(`Asterisk ARI not reachable at ${A}, ${B}`);
    expect(m.aborted.sort()).to.deep.equal([A, B]);
  });

  it('when a server is named, then it is its host and port', () => {
    expect(serverName('https://pbx-2.example.com:8089/')).to.equal('pbx-2.example.com:8089');
  });
});
