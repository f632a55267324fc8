import { expect } from 'chai';
import pino from 'pino';
import { createAriOriginator, type AriOriginatorOptions } from '../../src/ari/ari-originator';
import { startStasisApp, type StasisApp, type StasisAppOptions } from '../../src/ari/stasis-app';
import { callStartFromArgs } from '../../src/ari/stasis-args';
import { runPaymentCall } from '../../src/call/payment-call';
import type { CallPort } from '../../src/call/call-port';
import type { OriginateResult } from '../../src/callback/originator-port';
import { captureLog } from './capture-log';
import { FakeAriClient } from './fake-ari-client';
import { createFakeFlow } from '../call/fake-flow-deps';
import { createSoundLibrary } from '../../src/sounds/sound-library';

const REQUEST = { orderId: 'order-1', attemptId: 'cba_1', dial: '13800000003', ringTimeoutSec: 20, server: 'pbx-2:8088' };
const quiet = pino({ level: 'silent' });

async function setup(onCall: StasisAppOptions['onCall'], log = quiet, extra: Partial<AriOriginatorOptions> = {}) {
  const client = new FakeAriClient();
  const app = await startStasisApp({
    url: 'http://127.0.0.1:8088',
    user: 'ivrpay',
    password: 'secret',
    app: 'ivrpay-unit',
    sounds: createSoundLibrary({ generatedDir: '/snd', greetingsDir: '/greetings' }),
    requestTimeoutMs: 1000,
    defaultLanguage: 'zh',
    returnContext: 'ivrpay-return',
    log,
    onCall,
    connect: () => Promise.resolve(client.asClient()),
  });
  let n = 0;
  /** The server each originate went to. */
  const servers: string[] = [];
  const originator = createAriOriginator({
    servers: {
      originate: (server, channel, watch) => {
        servers.push(server);
        return app.originate(channel, watch);
      },
    },
    endpointTemplate: 'Local/{dial}@ivrpay-test-phones',
    callerId: '"ivrpay" <4000000000>',
    log,
    newChannelId: () => `cb-${++n}`,
    settleMs: 50,
    ...extra,
  });
  // Asterisk answers a hang-up request with the channel's end.
  const respond = client.respond;
  client.respond = (op) => {
    if (op === 'channels.hangup') {
      const { channelId } = client.ops('channels.hangup').at(-1) as { channelId: string };
      setImmediate(() => client.event('ChannelDestroyed', { channel: { id: channelId }, cause: 16 }));
    }
    return respond(op);
  };
  /** Waits until the originate request has been sent. */
  const dialled = async () => {
    while (client.ops('channels.originate').length === 0) await new Promise((r) => setImmediate(r));
  };
  return { app, client, originator, dialled, servers };
}

function answer(client: FakeAriClient, id: string, args: string[]): void {
  client.event('Dial', { peer: { id }, dialstatus: '' });
  client.event('Dial', { peer: { id }, dialstatus: 'ANSWER' });
  client.event('StasisStart', { channel: { id }, args });
}

describe('ari/createAriOriginator (over the fake ARI)', () => {
  let app: StasisApp | undefined;
  afterEach(async () => {
    await app?.stop({ graceMs: 0 });
    app = undefined;
  });

  it('when the cardholder answers, then the call script runs on the channel and the result comes once it is done', async () => {
    const scripts: { id: string; args: string[]; direction: string }[] = [];
    const t = await setup(async (call, args, info) => {
      scripts.push({ id: call.id, args, direction: info.direction });
      await call.answer();
    });
    app = t.app;
    const result = t.originator.call(REQUEST);
    await t.dialled();
    expect(t.client.ops('channels.originate')).to.deep.equal([
      {
        endpoint: 'Local/13800000003@ivrpay-test-phones',
        app: 'ivrpay-unit',
        appArgs: 'callback,order-1,cba_1',
        timeout: 20,
        callerId: '"ivrpay" <4000000000>',
        channelId: 'cb-1',
        otherChannelId: 'cb-1-2',
      },
    ]);
    expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(1);
    expect(t.servers).to.deep.equal(['pbx-2:8088']);
    answer(t.client, 'cb-1', ['callback', 'order-1', 'cba_1']);

    const end = await result;
    expect(scripts).to.deep.equal([{ id: 'cb-1', args: ['callback', 'order-1', 'cba_1'], direction: 'outbound' }]);
    expect(end).to.deep.include({ answered: true, cause: 16, dialStatus: 'ANSWER' });
    expect(end.endedAt.getTime()).to.be.at.least(end.startedAt.getTime());
    expect(t.app.activeCalls()).to.equal(0);
  });

  const refused: [string, string, number, number][] = [
    ['busy', 'BUSY', 0, 17],
    ['congested', 'CONGESTION', 0, 34],
  ];
  for (const [what, status, ownCause, calleeCause] of refused) {
    it(`when the number is ${what}, then the result is unanswered with cause ${calleeCause} and status ${status}, and no script runs`, async () => {
      let scripts = 0;
      const t = await setup(() => {
        scripts += 1;
        return Promise.resolve();
      });
      app = t.app;
      const result = t.originator.call(REQUEST);
      await t.dialled();
      t.client.event('Dial', { peer: { id: 'cb-1' }, dialstatus: '' });
      t.client.event('Dial', { peer: { id: 'cb-1' }, dialstatus: status });
      t.client.event('ChannelDestroyed', { channel: { id: 'cb-1' }, cause: ownCause });
      t.client.event('ChannelDestroyed', { channel: { id: 'cb-1-2' }, cause: calleeCause });
      expect(await result).to.deep.include({ answered: false, cause: calleeCause, dialStatus: status });
      expect(scripts).to.equal(0);
      expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(0);
    });
  }

  it('when nobody answers before the ring timeout, then the result has cause 19 and no final Dial status', async () => {
    const t = await setup(async () => {});
    app = t.app;
    const result = t.originator.call(REQUEST);
    await t.dialled();
    t.client.event('Dial', { peer: { id: 'cb-1' }, dialstatus: 'RINGING' });
    t.client.event('ChannelDestroyed', { channel: { id: 'cb-1' }, cause: 19 });
    t.client.event('ChannelDestroyed', { channel: { id: 'cb-1-2' }, cause: 19 });
    const end = await result;
    expect(end).to.deep.include({ answered: false, cause: 19 });
    expect(end).to.not.have.property('dialStatus');
  });

  it('when Asterisk refuses the originate (500, unknown endpoint), then the call resolves as failed with a cause and frees the line', async () => {
    const { log, lines } = captureLog();
    const t = await setup(async () => {}, log);
    app = t.app;
    t.client.respond = (op) =>
      op === 'channels.originate' ? Promise.reject(new Error('{"error":"Allocation failed"}')) : Promise.resolve();
    const end: OriginateResult = await t.originator.call({ ...REQUEST, dial: '13800000009' });
    expect(end).to.deep.include({ answered: false, cause: 38 });
    expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(0);
    // In case a timed-out request created the channel after all.
    expect(t.client.ops('channels.hangup')).to.deep.equal([{ channelId: 'cb-1' }]);
    expect(lines().some((l) => l.includes('Asterisk refused') && l.includes('Allocation failed'))).to.equal(true);
    expect(lines().join('\n')).to.not.include('13800000009');
  });

  it('when no channel id is given, then the call is placed on cb-<attempt id>, so that another node can find it', async () => {
    const t = await setup(async () => {}, quiet, { newChannelId: undefined });
    app = t.app;
    const result = t.originator.call(REQUEST);
    await t.dialled();
    expect(t.client.ops('channels.originate')[0]).to.include({ channelId: 'cb-cba_1', otherChannelId: 'cb-cba_1-2' });
    t.client.event('ChannelDestroyed', { channel: { id: 'cb-cba_1' }, cause: 19 });
    expect(await result).to.deep.include({ answered: false, cause: 19 });
  });

  it('when the number is not all digits, then nothing is dialled and the attempt fails', async () => {
    const t = await setup(async () => {});
    app = t.app;
    const end = await t.originator.call({ ...REQUEST, dial: '138@evil' });
    expect(end).to.deep.include({ answered: false, cause: 38 });
    expect(t.client.ops('channels.originate')).to.deep.equal([]);
  });

  it('when the cardholder hangs up in the middle of the script, then the result is answered and the order is not paid', async () => {
    const flow = createFakeFlow();
    const t = await setup(async (call: CallPort, args, info) => {
      await runPaymentCall(call, flow.deps, callStartFromArgs(args, info.direction));
    });
    app = t.app;
    const asked = new Promise<void>((resolve) => t.app.events.on('collect', () => resolve()));
    const result = t.originator.call(REQUEST);
    await t.dialled();
    answer(t.client, 'cb-1', ['callback', 'order-1', 'cba_1']);
    await asked;
    t.client.event('ChannelHangupRequest', { channel: { id: 'cb-1' }, cause: 16 });
    t.client.event('StasisEnd', { channel: { id: 'cb-1' } });
    t.client.event('ChannelDestroyed', { channel: { id: 'cb-1' }, cause: 16 });
    t.client.event('ChannelDestroyed', { channel: { id: 'cb-1-2' }, cause: 16 });

    expect(await result).to.deep.include({ answered: true, cause: 16 });
    expect(flow.state()).to.equal('abandoned');
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'cb-1', outcome: 'abandoned' }]);
    const played = t.client.ops('channels.play').map((p) => p.media as string[]);
    expect(played[0]).to.deep.equal(['sound:/snd/zh/welcome', 'sound:/snd/zh/callback-intro']);
  });

  it('when the WebSocket drops while a callback rings, then the call resolves unanswered and the channel is hung up once back', async () => {
    const t = await setup(async () => {});
    app = t.app;
    const result = t.originator.call(REQUEST);
    await t.dialled();
    t.client.emit('WebSocketReconnecting', new Error('closed'));
    const end = await result;
    expect(end.answered).to.equal(false);
    expect(end).to.not.have.property('cause');
    t.client.emit('WebSocketConnected');
    await new Promise((r) => t.app.events.once('reconnected', r));
    expect(t.client.ops('channels.hangup')).to.deep.include({ channelId: 'cb-1' });
  });

  describe('a call whose events were lost, recorded only once its channel is known gone (never retried while it may be up)', () => {
    /** A hang-up that fails as `failures` say, in turn, then succeeds. */
    function hangupFailing(t: Awaited<ReturnType<typeof setup>>, failures: Error[]) {
      const respond = t.client.respond;
      t.client.respond = (op) => {
        if (op === 'channels.hangup' && failures.length > 0) return Promise.reject(failures.shift()!);
        return respond(op);
      };
    }
    const unreachable = () => new Error('ARI hangup: timed out');
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8088'), { code: 'ECONNREFUSED' });

    async function lostCall(failures: Error[], settle: Partial<AriOriginatorOptions>) {
      const t = await setup(async () => {}, quiet, { retryEveryMs: 20, ...settle });
      app = t.app;
      hangupFailing(t, failures);
      const started = Date.now();
      const result = t.originator.call(REQUEST);
      await t.dialled();
      t.client.emit('WebSocketReconnecting', new Error('closed'));
      const end = await result;
      return { t, end, ms: Date.now() - started, hangups: t.client.ops('channels.hangup').length };
    }

    it('when its server does not answer at first, then the hang-up is tried until it does, and only then does the call resolve', async () => {
      const { end, hangups } = await lostCall([unreachable(), unreachable()], { lostCallSettleMs: 5000 });
      expect(end.answered).to.equal(false);
      expect(hangups).to.equal(3);
    });

    it('when its server refuses connections (no Asterisk runs there), then the call is taken as ended with it at once', async () => {
      const { hangups, ms } = await lostCall([refused()], { lostCallSettleMs: 5000 });
      expect(hangups).to.equal(1);
      expect(ms).to.be.below(1000);
    });

    it('when its server never answers, then the call resolves after the bound, the server taken for down with its calls', async () => {
      const failures = Array.from({ length: 100 }, unreachable);
      const { ms, hangups } = await lostCall(failures, { lostCallSettleMs: 200 });
      expect(ms).to.be.at.least(150);
      expect(hangups).to.be.within(5, 15);
    });
  });

  it('when the app stops while a callback rings, then the channel is hung up and the call resolves unanswered', async () => {
    const t = await setup(async () => {});
    app = t.app;
    const result = t.originator.call(REQUEST);
    await t.dialled();
    t.client.event('Dial', { peer: { id: 'cb-1' }, dialstatus: 'RINGING' });
    await t.app.stop({ graceMs: 0 });
    app = undefined;
    expect(t.client.ops('channels.hangup')).to.deep.include({ channelId: 'cb-1' });
    expect((await result).answered).to.equal(false);
    expect(await t.originator.call(REQUEST)).to.deep.include({ answered: false, cause: 38 });
  });

  it('when inbound and outbound calls run together, then the line counters tell them apart', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const t = await setup(async (call) => {
      await Promise.race([held, new Promise((r) => call.signal.addEventListener('abort', r))]);
    });
    app = t.app;
    t.client.event('StasisStart', { channel: { id: 'in-1' }, args: ['inbound', ''] });
    const ringing = t.originator.call(REQUEST);
    await t.dialled();
    expect(t.app.activeCalls({ direction: 'inbound' })).to.equal(1);
    expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(1);
    answer(t.client, 'cb-1', ['callback', 'order-1', 'cba_1']);
    expect(t.app.activeCalls({ direction: 'inbound' })).to.equal(1);
    expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(1);
    expect(t.app.activeCalls()).to.equal(2);
    release();
    await ringing;
    expect(t.app.activeCalls({ direction: 'outbound' })).to.equal(0);
  });
});
