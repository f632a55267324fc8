import { once } from 'node:events';
import { expect } from 'chai';
import pino from 'pino';
import { startStasisApp, type StasisApp, type StasisAppOptions } from '../../src/ari/stasis-app';
import type { CallPort } from '../../src/call/call-port';
import { CallerHungUpError } from '../../src/call/caller-hung-up';
import { captureLog } from './capture-log';
import { FakeAriClient } from './fake-ari-client';
import { createSoundLibrary } from '../../src/sounds/sound-library';

type OnCall = StasisAppOptions['onCall'];

async function setup(onCall: OnCall, log = pino({ level: 'silent' }), admission?: StasisAppOptions['admission']) {
  const clients: FakeAriClient[] = [];
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
    admission,
    connect: () => {
      const client = new FakeAriClient();
      clients.push(client);
      return Promise.resolve(client.asClient());
    },
  });
  const client = () => clients[clients.length - 1];
  const stasisStart = (id: string, args = ['inbound', '123456']) => client().event('StasisStart', { args, channel: { id } });
  return { app, clients, client, stasisStart };
}

function eventCount(app: StasisApp, name: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    app.events.on(name, () => {
      if (++seen === n) resolve();
    });
  });
}

/** A call script the test ends when it wants. */
function heldScript() {
  const calls: CallPort[] = [];
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const onCall: OnCall = async (call) => {
    calls.push(call);
    await call.answer();
    await Promise.race([
      released,
      // An AriCall aborts with CallerHungUpError.
      new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason as Error))),
    ]);
  };
  return { calls, release, onCall };
}

describe('ari/startStasisApp', () => {
  let app: StasisApp | undefined;
  afterEach(async () => {
    await app?.stop({ graceMs: 0 });
    app = undefined;
  });

  it('when a channel enters the app, then the script gets the call and its arguments, and the channel is hung up after it', async () => {
    const seen: string[][] = [];
    const t = await setup(async (call, args) => {
      seen.push(args);
      await call.answer();
    });
    app = t.app;
    t.stasisStart('ch-1');
    await once(app.events, 'call-end');
    expect(seen).to.deep.equal([['inbound', '123456']]);
    expect(t.client().startedApps).to.deep.equal(['ivrpay-unit']);
    expect(t.client().ops('channels.answer')).to.deep.equal([{ channelId: 'ch-1' }]);
    expect(t.client().ops('channels.hangup')).to.deep.equal([{ channelId: 'ch-1' }]);
    expect(app.activeCalls()).to.equal(0);
  });

  it('when a caller dials in, then the script is told the direction and the caller ID number (empty when none)', async () => {
    const seen: { direction: string; callerNumber: string }[] = [];
    const t = await setup(async (call, _args, info) => {
      seen.push(info);
      await call.answer();
    });
    app = t.app;
    const ended = eventCount(app, 'call-end', 2);
    t.client().event('StasisStart', {
      args: ['inbound', ''],
      channel: { id: 'ch-1', caller: { name: '', number: '13812345678' } },
    });
    t.stasisStart('ch-2');
    await ended;
    expect(seen).to.deep.equal([
      { direction: 'inbound', callerNumber: '13812345678' },
      { direction: 'inbound', callerNumber: '' },
    ]);
  });

  it('when two calls run, then each gets only its own keys', async () => {
    const got: Record<string, string> = {};
    const t = await setup(async (call) => {
      const { digits } = await call.collect({
        field: 'pay-code',
        prompts: [],
        maxDigits: 2,
        firstDigitTimeoutMs: 5000,
        interDigitTimeoutMs: 5000,
      });
      got[call.id] = digits;
    });
    app = t.app;
    const ended = eventCount(app, 'call-end', 2);
    t.stasisStart('a');
    t.stasisStart('b');
    for (const [id, digit] of [
      ['a', '1'],
      ['b', '7'],
      ['a', '2'],
      ['b', '8'],
    ]) {
      t.client().event('ChannelDtmfReceived', { channel: { id }, digit });
    }
    await ended;
    expect(got).to.deep.equal({ a: '12', b: '78' });
  });

  it('when the caller hangs up, then the script sees CallerHungUpError and no hang-up request is sent', async () => {
    const errors: unknown[] = [];
    const t = await setup(async (call) => {
      try {
        await call.collect({ field: 'card', prompts: [], maxDigits: 19, firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 5000 });
      } catch (err) {
        errors.push(err);
        throw err;
      }
    });
    app = t.app;
    t.stasisStart('ch-1');
    t.client().event('StasisEnd', { channel: { id: 'ch-1' } });
    await once(app.events, 'call-end');
    expect(errors[0]).to.be.instanceOf(CallerHungUpError);
    expect(t.client().ops('channels.hangup')).to.deep.equal([]);
  });

  it('when the script fails, then the error is logged without the raw event and the channel hung up', async () => {
    const { log, lines } = captureLog();
    const t = await setup(() => Promise.reject(new Error('script bug')), log);
    app = t.app;
    t.stasisStart('ch-1');
    await once(app.events, 'call-end');
    expect(lines().some((l) => l.includes('call script failed') && l.includes('script bug'))).to.equal(true);
    expect(lines().join('\n')).not.to.include('123456');
    expect(t.client().ops('channels.hangup')).to.deep.equal([{ channelId: 'ch-1' }]);
  });

  it('when the WebSocket drops, then in-flight calls end, and after it is back leftover channels of the app are hung up', async () => {
    const script = heldScript();
    const t = await setup(script.onCall);
    app = t.app;
    t.stasisStart('ch-1');
    t.client().emit('WebSocketReconnecting', new Error('closed'));
    await once(app.events, 'call-end');
    expect(script.calls[0]?.signal.aborted).to.equal(true);
    t.client().channelList = [
      { id: 'ch-1', dialplan: { app_name: 'Stasis', app_data: 'ivrpay-unit,inbound,123456' } },
      { id: 'other', dialplan: { app_name: 'Stasis', app_data: 'ivrpay-caller,caller' } },
    ];
    t.client().emit('WebSocketConnected');
    await once(app.events, 'reconnected');
    expect(t.client().ops('channels.hangup')).to.deep.equal([{ channelId: 'ch-1' }]);
  });

  it('when ari-client gives up reconnecting, then the app connects again from scratch and takes new calls', async () => {
    const answered: string[] = [];
    const t = await setup(async (call) => {
      answered.push(call.id);
      await call.answer();
    });
    app = t.app;
    const first = t.client();
    first.emit('WebSocketMaxRetries', new Error('gone'));
    await once(app.events, 'reconnected');
    expect(t.clients).to.have.length(2);
    expect(first.listenerCount('StasisStart')).to.equal(0);
    t.stasisStart('ch-2');
    await once(app.events, 'call-end');
    expect(answered).to.deep.equal(['ch-2']);
  });

  it('when stopping, then new calls hear service-unavailable, in-flight calls get the grace time, then everything is closed', async () => {
    const script = heldScript();
    const t = await setup(script.onCall);
    app = t.app;
    t.stasisStart('busy');
    const stopping = app.stop({ graceMs: 5000 });
    t.stasisStart('late');
    await once(app.events, 'call-end');
    const late = t
      .client()
      .ops('channels.play')
      .find((p) => p.channelId === 'late');
    expect(late?.media).to.deep.equal(['sound:/snd/zh/service-unavailable']);
    expect(t.client().ops('channels.hangup')).to.deep.include({ channelId: 'late' });
    expect(t.client().stopped).to.equal(false);
    script.release();
    await stopping;
    expect(t.client().stopped).to.equal(true);
    expect(app.activeCalls()).to.equal(0);
    app = undefined;
  });

  it('when not ready, then a new call hears service-unavailable and is hung up, is logged and counted, and its script never runs', async () => {
    const { log, lines } = captureLog();
    const scripted: string[] = [];
    const t = await setup(async (call) => {
      scripted.push(call.id);
      await call.answer();
    }, log);
    app = t.app;
    const refused: unknown[] = [];
    app.events.on('call-refused', (e) => refused.push(e));
    app.setAccepting(false);
    t.stasisStart('refused-1');
    await once(app.events, 'call-end');
    t.stasisStart('refused-2');
    await once(app.events, 'call-end');

    expect(scripted).to.deep.equal([]);
    const played = t
      .client()
      .ops('channels.play')
      .filter((p) => p.channelId === 'refused-1');
    expect(played.map((p) => p.media)).to.deep.equal([['sound:/snd/zh/service-unavailable']]);
    expect(t.client().ops('channels.hangup')).to.deep.include({ channelId: 'refused-1' });
    expect(refused).to.deep.equal([
      { callId: 'refused-1', reason: 'not-ready' },
      { callId: 'refused-2', reason: 'not-ready' },
    ]);
    const logged = lines().filter((l) => l.includes('new call refused'));
    expect(logged).to.have.length(2);
    expect(JSON.parse(logged[1])).to.include({ callId: 'refused-2', reason: 'not-ready', refusedSoFar: 2 });
  });

  it('when ready again, then new calls run the script; a callback is not originated while not ready', async () => {
    const scripted: string[] = [];
    const t = await setup(async (call) => {
      scripted.push(call.id);
      await call.answer();
    });
    app = t.app;
    app.setAccepting(false);
    const channel = { channelId: 'cb-1', endpoint: 'PJSIP/100', appArgs: ['callback', 'ord_1', 'att_1'], timeoutSec: 30 };
    const refusedOriginate = await app
      .originate(channel, () => {})
      .then(
        () => undefined,
        (err: Error) => err.message,
      );
    expect(refusedOriginate).to.match(/not ready/);
    expect(t.client().ops('channels.originate')).to.deep.equal([]);

    app.setAccepting(true);
    t.stasisStart('welcome');
    await once(app.events, 'call-end');
    expect(scripted).to.deep.equal(['welcome']);
  });

  it('when the grace time runs out, then calls still running are hung up', async () => {
    const script = heldScript();
    const t = await setup(script.onCall);
    app = t.app;
    t.stasisStart('busy');
    await app.stop({ graceMs: 50 });
    expect(t.client().ops('channels.hangup')).to.deep.equal([{ channelId: 'busy' }]);
    expect(script.calls[0]?.signal.aborted).to.equal(true);
    app = undefined;
  });

  it('when admission refuses, then the new inbound call hears lines-busy with the lines in use before it, and callbacks are not asked', async () => {
    const script = heldScript();
    const asked: { inbound: number; outbound: number }[] = [];
    const t = await setup(script.onCall, undefined, {
      refusal: (inUse) => {
        asked.push(inUse);
        return inUse.inbound >= 1 ? 'lines-full' : undefined;
      },
    });
    app = t.app;
    const refused: unknown[] = [];
    app.events.on('call-refused', (e) => refused.push(e));
    t.stasisStart('first');
    const busyEnded = once(app.events, 'call-end');
    t.stasisStart('second');
    await busyEnded;

    expect(script.calls.map((c) => c.id)).to.deep.equal(['first']);
    const played = t
      .client()
      .ops('channels.play')
      .filter((p) => p.channelId === 'second');
    expect(played.map((p) => p.media)).to.deep.equal([['sound:/snd/zh/lines-busy']]);
    expect(t.client().ops('channels.hangup')).to.deep.include({ channelId: 'second' });
    expect(refused).to.deep.equal([{ callId: 'second', reason: 'lines-full' }]);
    expect(asked).to.deep.equal([
      { inbound: 0, outbound: 0 },
      { inbound: 1, outbound: 0 },
    ]);

    // An answered callback has its line already: it runs whatever admission would say of a new call.
    const channel = { channelId: 'cb-1', endpoint: 'PJSIP/100', appArgs: ['callback', 'ord_1', 'att_1'], timeoutSec: 30 };
    await app.originate(channel, () => {});
    t.stasisStart('cb-1', ['callback', 'ord_1', 'att_1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(script.calls.map((c) => c.id)).to.deep.equal(['first', 'cb-1']);
    expect(asked).to.have.length(2);
    script.release();
  });
});
