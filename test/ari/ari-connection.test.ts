import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import pino from 'pino';
import { openAriConnection, type AriConnectionOptions } from '../../src/ari/ari-connection';
import { AppError } from '../../src/domain/app-error';
import { FakeAriClient } from './fake-ari-client';
import { rejectionOf } from './rejection-of';

function options(connect: AriConnectionOptions['connect'], over: Partial<AriConnectionOptions> = {}): AriConnectionOptions {
  return {
    url: 'http://127.0.0.1:8088',
    user: 'ivrpay',
    password: 'secret',
    app: 'ivrpay-unit',
    requestTimeoutMs: 200,
    log: pino({ level: 'silent' }),
    retryDelayMs: { min: 10, max: 40 },
    onClient: () => {},
    onDisconnected: () => {},
    onReconnected: () => {},
    connect,
    ...over,
  };
}

const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

describe('ari/openAriConnection', () => {
  it('when Asterisk comes up after a few tries, then it connects and starts the app', async () => {
    let tries = 0;
    const client = new FakeAriClient();
    const connection = await openAriConnection(options(() => (++tries < 3 ? refused() : Promise.resolve(client.asClient()))));
    expect(tries).to.equal(3);
    expect(client.startedApps).to.deep.equal(['ivrpay-unit']);
    await connection.close();
    expect(client.stopped).to.equal(true);
  });

  it('when Asterisk still lists the app just after the WebSocket closes, then close waits until it is gone', async () => {
    const client = new FakeAriClient();
    client.listedAfterStop = 3;
    const connection = await openAriConnection(options(() => Promise.resolve(client.asClient())));
    await connection.close();
    expect(client.ops('applications.get')).to.have.length(3);
    expect(client.listedAfterStop).to.be.below(0);
  });

  it('when Asterisk stays down past the initial wait, then it fails as unavailable', async () => {
    const err = await rejectionOf(openAriConnection(options(refused, { initialWaitMs: 100 })));
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('unavailable');
  });

  it('when connecting never answers, then each try times out and it still gives up in time', async () => {
    const started = Date.now();
    const err = await rejectionOf(openAriConnection(options(() => new Promise(() => {}), { initialWaitMs: 300 })));
    expect((err as AppError).code).to.equal('unavailable');
    expect(Date.now() - started).to.be.below(2000);
  });

  it('when closed while reconnecting from scratch, then it stops trying', async () => {
    let tries = 0;
    const first = new FakeAriClient();
    const connection = await openAriConnection(options(() => (++tries === 1 ? Promise.resolve(first.asClient()) : refused())));
    first.emit('WebSocketMaxRetries', new Error('gone'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await connection.close();
    const triesAtClose = tries;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tries).to.equal(triesAtClose);
    expect(tries).to.be.above(1);
  });

  it("when onRawEvent is given, then each message of the app's WebSocket reports its size", async () => {
    const client = new FakeAriClient();
    const socket = new EventEmitter();
    Object.assign(client, { _ws: socket });
    const sizes: number[] = [];
    const connection = await openAriConnection(
      options(() => Promise.resolve(client.asClient()), { onRawEvent: (bytes) => sizes.push(bytes) }),
    );
    client.emit('WebSocketConnected');
    socket.emit('message', '{"type":"ChannelDtmfReceived"}');
    expect(sizes).to.deep.equal([30]);
    await connection.close();
  });
});
