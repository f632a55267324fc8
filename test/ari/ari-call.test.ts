import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import sinon from 'sinon';
import { AriCall, FIELD_VARIABLE, MAX_TYPE_AHEAD } from '../../src/ari/ari-call';
import type { CollectOptions } from '../../src/call/call-port';
import { CallerHungUpError } from '../../src/call/caller-hung-up';
import { captureLog } from './capture-log';
import { FakeAriOps } from './fake-ari-ops';
import { rejectionOf } from './rejection-of';
import { createSoundLibrary } from '../../src/sounds/sound-library';

const never = () => new Promise<void>(() => {});

/** `fieldVariable` as a simulated cardholder's service has it (ARI_FIELD_VARIABLE), unless a test says off. */
function setup(fieldVariable = true) {
  const ops = new FakeAriOps();
  const { log, lines } = captureLog();
  const events = new EventEmitter();
  let n = 0;
  const time = { ms: 1000 };
  const call = new AriCall({
    channelId: 'ch-1',
    ops,
    sounds: createSoundLibrary({ generatedDir: '/snd', greetingsDir: '/greetings' }),
    language: 'zh',
    returnContext: 'ivrpay-return',
    fieldVariable,
    log,
    events,
    newPlaybackId: () => `pb-${++n}`,
    clock: () => time.ms,
  });
  const keys = (digits: string) => {
    for (const digit of digits) call.handleEvent({ type: 'dtmf', digit });
  };
  const finishPlayback = (playbackId: string, failed = false) =>
    call.handleEvent({ type: 'playback-finished', playbackId, failed });
  return { ops, call, keys, finishPlayback, lines, events, time };
}

const field = (over: Partial<CollectOptions> = {}): CollectOptions => ({
  field: 'card',
  prompts: ['enter-card'],
  maxDigits: 19,
  firstDigitTimeoutMs: 8000,
  interDigitTimeoutMs: 5000,
  ...over,
});

/** Lets promise callbacks (request answers) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ari/AriCall', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  describe('play', () => {
    it('when several prompts are played, then one playback carries them all and ends on PlaybackFinished', async () => {
      const { ops, call, finishPlayback } = setup();
      let done = false;
      const playing = call.play(['amount-is', 'goodbye']).then(() => (done = true));
      await settle();
      expect(ops.of('play')).to.deep.equal([['ch-1', 'pb-1', ['sound:/snd/zh/amount-is', 'sound:/snd/zh/goodbye'], 'zh']]);
      expect(done).to.equal(false);
      finishPlayback('pb-1');
      await playing;
      expect(done).to.equal(true);
    });

    it('when the language is switched, then the prompts come from that language folder', async () => {
      const { ops, call, finishPlayback } = setup();
      call.language = 'en';
      const playing = call.play(['welcome']);
      await settle();
      finishPlayback('pb-1');
      await playing;
      expect(ops.of('play')[0]?.[2]).to.deep.equal(['sound:/snd/en/welcome']);
    });

    it("when a merchant's greeting is played, then its file comes from the greetings folder", async () => {
      const { ops, call, finishPlayback } = setup();
      const playing = call.play(['greeting:mch_1/en']);
      await settle();
      finishPlayback('pb-1');
      await playing;
      expect(ops.of('play')[0]?.[2]).to.deep.equal(['sound:/greetings/mch_1/en']);
    });

    it('when a prompt file is missing (failed playback), then play resolves and the prompt id is logged', async () => {
      const { call, finishPlayback, lines } = setup();
      const playing = call.play(['welcome']);
      await settle();
      finishPlayback('pb-1', true);
      await playing;
      const warning = lines().find((l) => l.includes('prompt playback failed'));
      expect(warning).to.include('welcome');
    });

    it('when the caller hangs up mid-play, then play rejects with CallerHungUpError', async () => {
      const { call } = setup();
      const playing = call.play(['welcome']);
      await settle();
      call.handleEvent({ type: 'hangup' });
      expect(await rejectionOf(playing)).to.be.instanceOf(CallerHungUpError);
    });

    it('when the play request finds no channel, then the call counts as hung up', async () => {
      const { ops, call } = setup();
      ops.playImpl = () => Promise.reject(new Error('{"message":"Channel not found"}'));
      expect(await rejectionOf(call.play(['welcome']))).to.be.instanceOf(CallerHungUpError);
      expect(call.signal.aborted).to.equal(true);
    });
  });

  describe('key to next prompt', () => {
    it('when a collect ends on a key, then the next prompt request reports the time since that key, once', async () => {
      const { call, keys, finishPlayback, events, time } = setup();
      const timed: unknown[] = [];
      events.on('key-to-prompt', (e) => timed.push(e));
      const collecting = call.collect(field({ prompts: [] }));
      await settle();
      keys('42#');
      await collecting;
      time.ms += 120;
      const playing = call.play(['amount-is']);
      await settle();
      finishPlayback('pb-1');
      await playing;
      const again = call.play(['goodbye']);
      await settle();
      finishPlayback('pb-2');
      await again;
      expect(timed).to.deep.equal([{ callId: 'ch-1', seconds: 0.12 }]);
    });

    it("when the next collect asks with prompts, then its prompt's request is timed from the previous field's key", async () => {
      const { call, keys, events, time } = setup();
      const timed: number[] = [];
      events.on('key-to-prompt', (e: { seconds: number }) => timed.push(e.seconds));
      const first = call.collect(field({ prompts: [] }));
      await settle();
      keys('1#');
      await first;
      time.ms += 50;
      const second = call.collect(field({ prompts: ['enter-pin'] }));
      await settle();
      keys('2#');
      await second;
      expect(timed).to.deep.equal([0.05]);
    });

    it('when a collect ends by timeout, or a later collect plays nothing, then no prompt is timed against its key', async () => {
      const { call, keys, finishPlayback, events } = setup();
      const timed: unknown[] = [];
      events.on('key-to-prompt', (e) => timed.push(e));
      const play = async (playbackId: string) => {
        const playing = call.play(['goodbye']);
        await settle();
        finishPlayback(playbackId);
        await playing;
      };
      const silent = call.collect(field({ prompts: [] }));
      await settle();
      clock.tick(8000);
      expect((await silent).reason).to.equal('timeout');
      await play('pb-1');
      keys('7#');
      expect((await call.collect(field({ prompts: [] }))).reason).to.equal('terminator'); // typed ahead
      const waiting = call.collect(field({ prompts: [] })); // no prompt answers the 7: the next one is not its reply
      await settle();
      clock.tick(8000);
      await waiting;
      await play('pb-2');
      expect(timed).to.deep.equal([]);
    });
  });

  describe('collect', () => {
    it('when a collect starts, then the field name (never digits) goes into the channel variable', async () => {
      const { ops, call, keys, events } = setup();
      const asked: unknown[] = [];
      events.on('collect', (e) => asked.push(e));
      const collecting = call.collect(field({ field: 'pin', prompts: [] }));
      keys('123456#');
      await collecting;
      expect(ops.of('setVar')).to.deep.equal([['ch-1', FIELD_VARIABLE, 'pin']]);
      expect(asked).to.deep.equal([{ callId: 'ch-1', field: 'pin' }]);
    });

    it('when the field variable is off (production), then no variable is set and the prompt is asked at once', async () => {
      const { ops, call, keys, events } = setup(false);
      const asked: unknown[] = [];
      events.on('collect', (e) => asked.push(e));
      const collecting = call.collect(field({ field: 'pin', prompts: ['enter-pin'], maxDigits: 6 }));
      await settle();
      expect(ops.of('play')).to.have.length(1);
      keys('123456');
      await collecting;
      expect(ops.of('setVar')).to.deep.equal([]);
      expect(asked).to.deep.equal([{ callId: 'ch-1', field: 'pin' }]);
    });

    it('when a collect starts, then its prompts are requested only once Asterisk has set the field variable', async () => {
      const { ops, call, keys } = setup();
      let answerSetVar = () => {};
      ops.setVarImpl = () => new Promise<void>((resolve) => (answerSetVar = resolve));
      const collecting = call.collect(field());
      await settle();
      expect(ops.of('play')).to.deep.equal([]);
      answerSetVar();
      await settle();
      expect(ops.of('play')).to.have.length(1);
      keys('1#');
      expect(await collecting).to.deep.equal({ digits: '1', reason: 'terminator' });
    });

    it('when keys arrive while the field variable is being set, then they count as typed ahead', async () => {
      const { ops, call, keys } = setup();
      let answerSetVar = () => {};
      ops.setVarImpl = () => new Promise<void>((resolve) => (answerSetVar = resolve));
      const collecting = call.collect(field({ flush: true }));
      await settle();
      keys('42#');
      answerSetVar();
      expect(await collecting).to.deep.equal({ digits: '42', reason: 'terminator' });
      expect(ops.of('play')).to.deep.equal([]);
    });

    it('when setting the field variable fails, then the collect still works', async () => {
      const { ops, call, keys } = setup();
      ops.setVarImpl = () => Promise.reject(new Error('boom'));
      const collecting = call.collect(field({ prompts: [], maxDigits: 2 }));
      keys('42');
      expect(await collecting).to.deep.equal({ digits: '42', reason: 'max' });
    });

    it('when a key is pressed during the prompt, then the playback is stopped and the key counts (barge-in)', async () => {
      const { ops, call, keys } = setup();
      const collecting = call.collect(field());
      await settle();
      expect(ops.of('play')).to.have.length(1);
      keys('6');
      expect(ops.of('stopPlayback')).to.deep.equal([['pb-1']]);
      keys('21#');
      expect(await collecting).to.deep.equal({ digits: '621', reason: 'terminator' });
    });

    it('when a key arrives before the play request is answered, then the playback is stopped again afterwards', async () => {
      const { ops, call, keys } = setup();
      let answerPlay = () => {};
      ops.playImpl = () => new Promise<void>((resolve) => (answerPlay = resolve));
      const collecting = call.collect(field({ maxDigits: 1 }));
      await settle();
      keys('1');
      expect(await collecting).to.deep.equal({ digits: '1', reason: 'max' });
      answerPlay();
      await settle();
      expect(ops.of('stopPlayback')).to.deep.equal([['pb-1'], ['pb-1']]);
    });

    it('when nobody presses a key, then the first-digit timeout runs only from the end of the prompts', async () => {
      const { call, finishPlayback } = setup();
      let result: unknown;
      const collecting = call.collect(field()).then((r) => (result = r));
      await settle();
      await clock.tickAsync(20_000);
      expect(result).to.equal(undefined);
      finishPlayback('pb-1');
      await clock.tickAsync(7_999);
      expect(result).to.equal(undefined);
      await clock.tickAsync(1);
      await collecting;
      expect(result).to.deep.equal({ digits: '', reason: 'timeout' });
    });

    it('when there is no prompt, then the first-digit timeout starts at once', async () => {
      const { call } = setup();
      const collecting = call.collect(field({ prompts: [] }));
      await clock.tickAsync(8_000);
      expect(await collecting).to.deep.equal({ digits: '', reason: 'timeout' });
    });

    it('when the caller pauses after some keys, then the inter-digit timeout ends the input with those keys', async () => {
      const { call, keys } = setup();
      let result: unknown;
      const collecting = call.collect(field({ prompts: [] })).then((r) => (result = r));
      keys('62');
      await clock.tickAsync(4_999);
      keys('1');
      await clock.tickAsync(4_999);
      expect(result).to.equal(undefined);
      await clock.tickAsync(1);
      await collecting;
      expect(result).to.deep.equal({ digits: '621', reason: 'timeout' });
    });

    it('when a card number is complete (16 digits and more), then a short pause ends it instead of the inter-digit timeout', async () => {
      const { call, keys } = setup();
      let result: unknown;
      const completeAfter = { minDigits: 16, pauseMs: 1500 };
      const collecting = call.collect(field({ prompts: [], completeAfter })).then((r) => (result = r));
      keys('621626100000000');
      await clock.tickAsync(4_999);
      expect(result, '15 digits wait the whole inter-digit timeout').to.equal(undefined);
      keys('0');
      await clock.tickAsync(1_499);
      expect(result).to.equal(undefined);
      await clock.tickAsync(1);
      await collecting;
      expect(result).to.deep.equal({ digits: '6216261000000000', reason: 'timeout' });
    });

    it('when # is pressed before any digit, then it is ignored: the prompts go on and the digits after it count', async () => {
      const { ops, call, keys } = setup();
      const collecting = call.collect(field());
      await settle();
      keys('#');
      await settle();
      expect(ops.of('stopPlayback')).to.deep.equal([]);
      keys('12#');
      expect(await collecting).to.deep.equal({ digits: '12', reason: 'terminator' });
    });

    it('when a field ended on its last digit and # follows as type-ahead, then the next field ignores it', async () => {
      const { call, keys } = setup();
      const first = call.collect(field({ prompts: [], maxDigits: 3 }));
      keys('123#');
      expect(await first).to.deep.equal({ digits: '123', reason: 'max' });
      const second = call.collect(field({ prompts: [], maxDigits: 2 }));
      keys('45');
      expect(await second).to.deep.equal({ digits: '45', reason: 'max' });
    });

    it('when another terminator is set, then # counts as a key and that terminator ends', async () => {
      const { call, keys } = setup();
      const collecting = call.collect(field({ prompts: [], terminator: '*' }));
      keys('1#*');
      expect(await collecting).to.deep.equal({ digits: '1#', reason: 'terminator' });
    });

    it('when max digits are reached, then the collect ends and the extra keys wait for the next collect', async () => {
      const { ops, call, keys } = setup();
      const first = call.collect(field({ prompts: [], maxDigits: 3 }));
      keys('12345');
      expect(await first).to.deep.equal({ digits: '123', reason: 'max' });
      const second = call.collect(field({ maxDigits: 2 }));
      expect(await second).to.deep.equal({ digits: '45', reason: 'max' });
      expect(ops.of('play')).to.have.length(0);
    });

    it('when keys were typed ahead during a play, then the next collect takes them and skips its prompts', async () => {
      const { ops, call, keys, finishPlayback } = setup();
      const playing = call.play(['welcome']);
      await settle();
      keys('1234#');
      finishPlayback('pb-1');
      await playing;
      expect(await call.collect(field())).to.deep.equal({ digits: '1234', reason: 'terminator' });
      expect(ops.of('play')).to.have.length(1);
    });

    it('when a collect flushes, then keys typed ahead are dropped and the prompts play', async () => {
      const { ops, call, keys } = setup();
      keys('99');
      const collecting = call.collect(field({ flush: true }));
      await settle();
      expect(ops.of('play')).to.have.length(1);
      keys('7#');
      expect(await collecting).to.deep.equal({ digits: '7', reason: 'terminator' });
    });

    describe('a one-key offer (only)', () => {
      const offer = (over: Partial<CollectOptions> = {}) =>
        field({ field: 'language', prompts: ['press-9-english'], maxDigits: 1, firstDigitTimeoutMs: 2000, only: '9', ...over });
      const payCode = field({ field: 'pay-code', prompts: ['enter-pay-code'], maxDigits: 6 });

      it('when its key is pressed during the prompt, then the prompt stops and the key is the answer', async () => {
        const { ops, call, keys } = setup();
        const offering = call.collect(offer());
        await settle();
        keys('9');
        expect(await offering).to.deep.equal({ digits: '9', reason: 'max' });
        expect(ops.of('stopPlayback')).to.deep.equal([['pb-1']]);
      });

      it('when another key is pressed, then the offer ends unanswered and that key and the next ones make the next field', async () => {
        const { ops, call, keys } = setup();
        const offering = call.collect(offer());
        await settle();
        keys('5');
        expect(await offering).to.deep.equal({ digits: '', reason: 'other-key' });
        expect(ops.of('stopPlayback')).to.deep.equal([['pb-1']]);
        keys('839');
        const next = call.collect(payCode);
        keys('20');
        expect(await next).to.deep.equal({ digits: '583920', reason: 'max' });
        // The pay code was being keyed already: its prompt is not played.
        expect(ops.of('play')).to.have.length(1);
      });

      it('when another key was typed before the offer, then it ends at once without its prompt and leaves every key', async () => {
        const { ops, call, keys } = setup();
        keys('589');
        expect(await call.collect(offer())).to.deep.equal({ digits: '', reason: 'other-key' });
        expect(ops.of('play')).to.deep.equal([]);
        const next = call.collect(payCode);
        keys('000');
        expect(await next).to.deep.equal({ digits: '589000', reason: 'max' });
      });

      it('when its key was typed before the offer, then that key answers it at once', async () => {
        const { ops, call, keys } = setup();
        keys('9');
        expect(await call.collect(offer())).to.deep.equal({ digits: '9', reason: 'max' });
        expect(ops.of('play')).to.deep.equal([]);
      });

      it('when nothing is pressed, then it ends on its own first-digit timeout after the prompt', async () => {
        const { call, finishPlayback } = setup();
        let result: unknown;
        const offering = call.collect(offer()).then((r) => (result = r));
        await settle();
        finishPlayback('pb-1');
        await clock.tickAsync(1999);
        expect(result).to.equal(undefined);
        await clock.tickAsync(1);
        await offering;
        expect(result).to.deep.equal({ digits: '', reason: 'timeout' });
      });
    });

    it('when the caller hangs up mid-collect, then it rejects, no timer is left and later keys do nothing', async () => {
      const { call, keys } = setup();
      const collecting = call.collect(field({ prompts: [] }));
      keys('12');
      call.handleEvent({ type: 'hangup' });
      expect(await rejectionOf(collecting)).to.be.instanceOf(CallerHungUpError);
      expect(clock.countTimers()).to.equal(0);
      keys('3');
      expect(await rejectionOf(call.collect(field()))).to.be.instanceOf(CallerHungUpError);
      expect(await rejectionOf(call.play(['goodbye']))).to.be.instanceOf(CallerHungUpError);
      expect(await rejectionOf(call.answer())).to.be.instanceOf(CallerHungUpError);
    });

    it('when keys count toward a field, then onKey is told each new count (never the key), terminator excluded', async () => {
      const { call, keys } = setup();
      const counts: number[] = [];
      const collecting = call.collect(field({ onKey: (n) => counts.push(n) }));
      await settle();
      keys('621#');
      expect(await collecting).to.deep.equal({ digits: '621', reason: 'terminator' });
      expect(counts).to.deep.equal([1, 2, 3]);
    });

    it('when the collect’s signal is aborted mid-prompt, then the prompt stops, it rejects with the reason, and the next collect works', async () => {
      const { ops, call, keys } = setup();
      const stop = new AbortController();
      const collecting = call.collect(field({ signal: stop.signal }));
      await settle();
      keys('62');
      const reason = new Error('agent cancelled');
      stop.abort(reason);
      expect(await rejectionOf(collecting)).to.equal(reason);
      expect(ops.of('stopPlayback')).to.have.length(1);
      expect(clock.countTimers()).to.equal(0);
      const next = call.collect(field({ prompts: [] }));
      keys('1#');
      expect(await next).to.deep.equal({ digits: '1', reason: 'terminator' });
    });

    it('when the caller hangs up during the prompt of a collect, then it rejects at once', async () => {
      const { call } = setup();
      const collecting = call.collect(field());
      await settle();
      call.handleEvent({ type: 'hangup' });
      expect(await rejectionOf(collecting)).to.be.instanceOf(CallerHungUpError);
      expect(call.signal.aborted).to.equal(true);
    });

    it('when a collect runs, then no digit appears in any log line', async () => {
      const { call, keys, lines, finishPlayback } = setup();
      const collecting = call.collect(field());
      await settle();
      keys('6216261000000000018#');
      finishPlayback('pb-1', true);
      await collecting;
      call.handleEvent({ type: 'hangup' });
      expect(lines().join('\n')).not.to.include('621626');
    });
  });

  describe('bad input', () => {
    it('when a storm of key events arrives while no collect runs, then the first keys are kept, the rest dropped with one warning', async () => {
      const { call, keys, lines } = setup();
      keys('123456'.repeat(200)); // 1,200 events in one burst

      const first = await call.collect(field({ field: 'pay-code', maxDigits: 6, prompts: ['enter-pay-code'] }));

      expect(first.digits).to.equal('123456');
      const rest = call.collect(field({ field: 'card', maxDigits: 1000, prompts: [] }));
      await settle();
      clock.tick(5000);
      const kept = 6 + (await rest).digits.length;
      expect(kept).to.equal(MAX_TYPE_AHEAD);
      expect(lines().filter((l) => l.includes('typed-ahead keys dropped'))).to.have.length(1);
    });

    it('when a storm of keys arrives during a collect, then the field ends at its length without waiting for more', async () => {
      const { call, keys } = setup();
      const collecting = call.collect(field({ field: 'pin', maxDigits: 6 }));
      await settle();
      keys('9'.repeat(500));

      expect((await collecting).digits).to.equal('999999');
    });
  });

  describe('handBack', () => {
    it('sets the result variables, continues in the return context at the extension, and is over for the script', async () => {
      const { ops, call } = setup();

      await call.handBack('8001', { IVRPAY_RESULT: 'paid', IVRPAY_ORDER_ID: 'ord_1' });

      expect(ops.of('setVar')).to.deep.equal([
        ['ch-1', 'IVRPAY_RESULT', 'paid'],
        ['ch-1', 'IVRPAY_ORDER_ID', 'ord_1'],
      ]);
      expect(ops.of('continueInDialplan')).to.deep.equal([['ch-1', 'ivrpay-return', '8001']]);
      expect(call.signal.aborted).to.equal(true);
      expect(ops.of('hangup')).to.deep.equal([]);
    });

    it('when the channel is gone, then handBack rejects as a hang-up', async () => {
      const { ops, call } = setup();
      ops.continueImpl = () => Promise.reject(new Error('{"message":"Channel not found"}'));

      expect(await rejectionOf(call.handBack('8001', {}))).to.be.instanceOf(CallerHungUpError);
    });
  });

  describe('answer and hangup', () => {
    it('when an ARI request never answers but the caller hangs up, then the method rejects with CallerHungUpError', async () => {
      const { ops, call } = setup();
      ops.answerImpl = never;
      const answering = call.answer();
      call.handleEvent({ type: 'hangup' });
      expect(await rejectionOf(answering)).to.be.instanceOf(CallerHungUpError);
    });

    it('when the hang-up event arrives before the hang-up request is answered, then hangup() still resolves', async () => {
      const { ops, call } = setup();
      let answer = () => {};
      ops.hangupImpl = () => new Promise<void>((resolve) => (answer = resolve));
      const hangingUp = call.hangup();
      call.handleEvent({ type: 'hangup' });
      answer();
      await hangingUp;
      expect(call.signal.aborted).to.equal(true);
    });

    it('when the IVR hangs up, then the channel is hung up and the call is over', async () => {
      const { ops, call } = setup();
      await call.hangup();
      expect(ops.of('hangup')).to.deep.equal([['ch-1']]);
      expect(call.signal.aborted).to.equal(true);
    });
  });
});
