import { expect } from 'chai';
import pino from 'pino';
import sinon from 'sinon';
import { SimulatedCall, type SimulatedCallOptions } from '../../simulator/simulated-call';
import { DEBIT } from '../helpers/test-cards';

function setup(options: Partial<SimulatedCallOptions> = {}) {
  const sent: [string, string][] = [];
  const hungUp: string[] = [];
  const ops = {
    sendDtmf: (channelId: string, dtmf: string) => {
      sent.push([channelId, dtmf]);
      return Promise.resolve();
    },
    hangup: (channelId: string) => {
      hungUp.push(channelId);
      return Promise.resolve();
    },
  };
  const sim = new SimulatedCall(
    'sim-1',
    'sim-1-ivr',
    { endpoint: 'Local/123456@ivrpay-inbound-test', answers: {}, timeoutMs: 60_000, ...options },
    ops,
    pino({ level: 'silent' }),
  );
  const ask = (field: string) =>
    sim.handle({ type: 'ChannelVarset', channel: { id: 'sim-1-ivr' }, variable: 'IVRPAY_FIELD', value: field });
  const answered = () => sim.handle({ type: 'StasisStart', channel: { id: 'sim-1' } });
  const destroyed = () => sim.handle({ type: 'ChannelDestroyed', channel: { id: 'sim-1-ivr' } });
  return { sim, sent, hungUp, ask, answered, destroyed };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('simulator/SimulatedCall', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  it('when a field is asked before our half is answered, then its keys are sent only once it is', async () => {
    const t = setup({ answers: { 'pay-code': '123456#' } });
    t.ask('pay-code');
    await flush();
    expect(t.sent).to.deep.equal([]);
    t.answered();
    await flush();
    expect(t.sent).to.deep.equal([['sim-1', '123456#']]);
  });

  it('when a field is asked again, then the next answer of its list is keyed, and silence once the list is used up', async () => {
    const t = setup({ answers: { 'pay-code': ['111111#', '222222#'] } });
    t.answered();
    for (let i = 0; i < 3; i++) t.ask('pay-code');
    await flush();
    expect(t.sent.map(([, keys]) => keys)).to.deep.equal(['111111#', '222222#']);
    t.destroyed();
    expect((await t.sim.result).fieldsAsked).to.deep.equal(['pay-code', 'pay-code', 'pay-code']);
  });

  it('when the hang-up field is asked, then the caller hangs up instead of answering', async () => {
    const t = setup({ answers: { card: `${DEBIT}#` }, hangupAfterField: 'card' });
    t.answered();
    t.ask('card');
    await clock.tickAsync(300);
    expect(t.hungUp).to.deep.equal(['sim-1']);
    expect(t.sent).to.deep.equal([]);
    t.destroyed();
    expect((await t.sim.result).hungUpBy).to.equal('caller');
  });

  it('when a field is keyed, then the silence runs from its last key to the next prompt, and a stray # is not its key', async () => {
    const t = setup({ answers: { pin: '123456', id: '11010519491231002*' } });
    const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, 0, s * 1000)).toISOString();
    const key = (digit: string, s: number) =>
      t.sim.handle({ type: 'ChannelDtmfReceived', channel: { id: 'sim-1-ivr' }, digit, timestamp: at(s) });
    const prompt = (id: string, s: number) =>
      t.sim.handle({
        type: 'PlaybackStarted',
        playback: { media_uri: `sound:/snd/zh/${id}`, target_uri: 'channel:sim-1-ivr' },
        timestamp: at(s),
      });
    t.answered();
    t.ask('pin');
    prompt('enter-pin', 1);
    for (const d of '12345') key(d, 2);
    prompt('not-after-the-last-key', 3);
    key('6', 4);
    t.ask('id');
    key('#', 4.5);
    prompt('enter-id', 4.25);
    for (const d of '11010519491231002*') key(d, 6);
    prompt('enter-mobile', 9);
    t.destroyed();

    expect((await t.sim.result).silences).to.deep.equal([
      { field: 'pin', ms: 250 },
      { field: 'id', ms: 3000 },
    ]);
  });

  it("when the dialplan fallback runs, then the result says so, and when (Asterisk's time)", async () => {
    const t = setup();
    const timestamp = '2026-03-01T08:00:05.250+0000';
    t.sim.handle({ type: 'ChannelVarset', channel: { id: 'sim-1-ivr' }, variable: 'IVRPAY_FALLBACK', value: '1', timestamp });
    t.destroyed();
    expect(await t.sim.result).to.deep.equal({
      fieldsAsked: [],
      promptsHeard: [],
      silences: [],
      hungUpBy: 'ivr',
      fallback: true,
      fallbackAt: Date.parse(timestamp),
    });
  });

  it('when a field is asked, then onAsked hears of it before its keys are sent', async () => {
    const told: [string, number][] = [];
    const t = setup({ answers: { card: '1#' }, onAsked: (field) => told.push([field, t.sent.length]) });
    t.answered();
    t.ask('card');
    await flush();
    expect(told).to.deep.equal([['card', 0]]);
    expect(t.sent).to.deep.equal([['sim-1', '1#']]);
    t.destroyed();
  });

  it('when the IVR plays prompts, then their ids are recorded in order', async () => {
    const t = setup();
    for (const id of ['welcome', 'enter-pay-code']) {
      t.sim.handle({ type: 'PlaybackStarted', playback: { media_uri: `sound:/snd/zh/${id}`, target_uri: 'channel:sim-1-ivr' } });
    }
    t.destroyed();
    expect((await t.sim.result).promptsHeard).to.deep.equal(['welcome', 'enter-pay-code']);
  });

  it('when the call lasts too long, then the caller hangs up and reports a timeout', async () => {
    const t = setup({ timeoutMs: 5000 });
    await clock.tickAsync(5000);
    expect(t.hungUp).to.deep.equal(['sim-1']);
    t.destroyed();
    expect((await t.sim.result).hungUpBy).to.equal('timeout');
  });
});
