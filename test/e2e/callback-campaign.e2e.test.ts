import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { TEST_CARDS, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import type { SimulatedCaller, SimulatedCallResult } from '../../simulator/simulated-caller';
import { runAdmin } from '../../src/cli/run-admin';
import type { CallbackAttemptRow, CallbackRow, SmsRow } from '../../src/store/callback-rows';
import {
  adminDeps,
  CALLBACK_ENV,
  connectTestPhone,
  countBy,
  dialledAttempts,
  maxOverlap,
  MINUTE,
  PAYS_WITH_DEBIT,
  PHONE,
  redialDelayMinutes,
  sleep,
  waitFor,
  waitForAttempts,
} from '../helpers/callback-e2e';
import { api, newCallbackOrder, startE2e, type CallbackOrderView, type E2eHarness } from '../helpers/e2e-service';
import { createTestClock, nextShanghaiHour, type TestClock } from '../helpers/test-clock';

/**
 * Callback mode end to end: the merchant API creates callback orders, the service's own dialer job (every
 * 2 s) dials the sandbox test phones (dialplan context ivrpay-test-phones) through the real Asterisk, and
 * the results are read back from the API, the store, the SMS outbox and the admin CLI. The service's
 * clock starts at 10:00 in Shanghai (inside calling hours, whatever the machine's time) and is moved
 * forward to make redials due.
 */

describe('callback orders from the merchant API through the sandbox test phones @e2e', function () {
  this.timeout(180_000);
  let h: E2eHarness;
  let phone: SimulatedCaller;
  let clock: TestClock;

  before(async () => {
    clock = createTestClock(nextShanghaiHour(10));
    h = await startE2e('callback-campaign', CALLBACK_ENV, { now: clock.now });
    phone = await connectTestPhone(h);
  });
  after(async () => {
    await phone?.close();
    await h?.stop();
  });

  it('when the test phone answers and the cardholder keys the debit test card, then the merchant’s order shows paid with one attempt', async () => {
    const ended = new Promise<SimulatedCallResult>((resolve) => {
      phone.answerIncoming((call) =>
        call.number === PHONE.answersAndPays
          ? {
              answers: PAYS_WITH_DEBIT,
              timeoutMs: 90_000,
              onEnded: resolve,
            }
          : undefined,
      );
    });

    const created = await newCallbackOrder(h, PHONE.answersAndPays, 2000_00);
    expect(created.callback).to.deep.include({ phone: PHONE.answersAndPays, state: 'scheduled', attemptsMade: 0 });

    const order = await waitFor(
      'the callback to end',
      () => api(h, `/v1/orders/${created.id}`),
      (o): o is CallbackOrderView => o.callback?.state === 'done',
      120_000,
    );
    expect(order.status).to.equal('paid');
    expect(order.card).to.deep.include({ masked: '621626*********0018', kind: 'debit' });
    expect(order).to.not.have.property('payCode');
    expect(order.callback).to.deep.include({ state: 'done', attemptsMade: 1 });
    expect(order.callback.attempts).to.have.length(1);
    const [attempt] = order.callback.attempts;
    expect(attempt.outcome).to.equal('paid');
    expect(attempt.cause).to.be.a('number');
    expect(Date.parse(attempt.startedAt)).to.be.at.least(Date.parse(created.createdAt));
    expect(Date.parse(attempt.endedAt ?? '')).to.be.greaterThan(Date.parse(attempt.startedAt));
    expect(attempt.durationSeconds).to.be.within(5, 120);

    const heard = await ended;
    expect(heard.fieldsAsked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'confirm']);
    expect(heard.promptsHeard.slice(0, 3)).to.deep.equal(['welcome', 'callback-intro', 'amount-is']);
    expect(heard.promptsHeard).to.include('payment-success');
  });

  it('when the number is busy, then it is redialled at +2, +10 and +30 minutes, each attempt cause 17, then the order is unreachable with exactly one SMS', async () => {
    const outbox = path.join(h.config.dataDir, 'sms-outbox.jsonl');
    const outboxBefore = fs.existsSync(outbox) ? fs.statSync(outbox).size : 0;
    const created = await newCallbackOrder(h, PHONE.busy, 88_80);

    let order = await waitForAttempts(h, created.id, 1);
    expect(order.callback).to.deep.include({ state: 'scheduled', attemptsMade: 1 });
    expect(redialDelayMinutes(order)).to.be.within(2, 2.05);

    // Not a moment early: a minute on, two dialer runs later, still one attempt.
    clock.advance(MINUTE);
    await sleep(4_500);
    expect((await api(h, `/v1/orders/${created.id}`)).callback?.attemptsMade).to.equal(1);

    for (const [n, delay] of [
      [2, 10],
      [3, 30],
    ] as const) {
      clock.advanceTo(new Date(order.callback.nextCallAt!));
      order = await waitForAttempts(h, created.id, n);
      expect(order.callback).to.deep.include({ state: 'scheduled', attemptsMade: n });
      expect(redialDelayMinutes(order)).to.be.within(delay, delay + 0.05);
    }
    clock.advanceTo(new Date(order.callback.nextCallAt!));
    order = await waitForAttempts(h, created.id, 4);

    expect(order.status).to.equal('unreachable');
    expect(order.payCode, 'still payable by calling in').to.equal(created.payCode);
    expect(order.callback).to.deep.include({ state: 'unreachable', attemptsMade: 4 });
    expect(order.callback).to.not.have.property('nextCallAt');
    const { attempts } = order.callback;
    expect(attempts.map((a) => [a.outcome, a.cause])).to.deep.equal(Array(4).fill(['busy', 17]));
    for (const a of attempts) expect(a.durationSeconds).to.be.within(0, 5);
    const starts = attempts.map((a) => Date.parse(a.startedAt));
    const gaps = starts.slice(1).map((s, i) => (s - Date.parse(attempts[i].endedAt ?? '')) / MINUTE);
    expect(gaps[0]).to.be.within(2, 2.2);
    expect(gaps[1]).to.be.within(10, 10.2);
    expect(gaps[2]).to.be.within(30, 30.2);

    // The send-sms job runs every 15 s.
    const [sms] = await waitFor(
      'the SMS to be sent',
      () => h.service.db<SmsRow>('sms').where({ order_id: created.id }),
      (rows) => rows[0]?.status === 'sent',
    );
    const written = fs
      .readFileSync(outbox)
      .subarray(outboxBefore)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { to: string; providerId: string; text: string });
    const toCardholder = written.filter((m) => m.to === PHONE.busy);
    expect(toCardholder).to.have.length(1);
    expect(toCardholder[0].providerId).to.equal(sms.provider_id);
    const { text } = toCardholder[0];
    expect(text)
      .to.include(created.payCode)
      .and.include('88.80元')
      .and.include('4008205588')
      .and.include('e2e callback-campaign');
    expect(text).to.not.match(/\d{13,}/);
    for (const card of TEST_CARDS) expect(text).to.not.include(card.pan);
    expect(text).to.not.match(new RegExp(`(?<!\\d)${TEST_PIN}(?!\\d)`));

    // The admin CLI sees the same, and a manual retry is one more call but never a second SMS.
    const admin = (...argv: string[]) => runAdmin(argv, adminDeps(h, clock));
    const failed = JSON.parse((await admin('callback', 'list', '--failed', '--json')).stdout) as { orderId: string }[];
    expect(failed.map((c) => c.orderId)).to.include(created.id);
    const listed = JSON.parse((await admin('sms', 'list', '--order', created.id, '--json')).stdout) as object[];
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({ status: 'sent', to: PHONE.busy });
    const lines = JSON.parse((await admin('lines', 'show', '--json')).stdout) as object;
    expect(lines).to.include({ maxOutbound: 10, reserved: 5, total: 20 });
    const retried = await admin('callback', 'retry', created.id);
    expect(retried.exitCode).to.equal(0);
    expect(JSON.parse(retried.stdout)).to.include({ orderId: created.id, state: 'scheduled', attemptsMade: 4 });
    order = await waitForAttempts(h, created.id, 5);
    expect(order.callback).to.deep.include({ state: 'unreachable', attemptsMade: 5 });
    expect(order.callback.attempts[4]).to.include({ outcome: 'busy', cause: 17 });
    expect(await h.service.db<SmsRow>('sms').where({ order_id: created.id })).to.have.length(1);
  });

  it('when the number is congested or never answers, then the attempt is recorded and the next call is at +2 minutes', async () => {
    const congested = await newCallbackOrder(h, PHONE.congested);
    const silent = await newCallbackOrder(h, PHONE.neverAnswers);

    const [c, s] = await Promise.all([waitForAttempts(h, congested.id, 1), waitForAttempts(h, silent.id, 1)]);

    expect(c.callback.attempts).to.have.length(1);
    expect(c.callback.attempts[0]).to.include({ outcome: 'congestion', cause: 34 });
    expect(c.callback).to.deep.include({ state: 'scheduled', attemptsMade: 1 });
    expect(redialDelayMinutes(c)).to.be.within(2, 2.05);
    expect(c.status).to.equal('created');

    expect(s.callback.attempts).to.have.length(1);
    expect(s.callback.attempts[0]).to.include({ outcome: 'no_answer', cause: 19 });
    expect(s.callback.attempts[0].durationSeconds, 'the 5 s ring timeout').to.be.within(4.5, 10);
    expect(s.callback).to.deep.include({ state: 'scheduled', attemptsMade: 1 });
    expect(redialDelayMinutes(s)).to.be.within(2, 2.05);
    expect(s.status).to.equal('created');
  });

  it('when the test phone answers and hangs up before paying, then the attempt is answered_unpaid and the next call is at +2 minutes', async () => {
    const created = await newCallbackOrder(h, PHONE.answersThenHangsUp);

    const order = await waitForAttempts(h, created.id, 1);

    expect(order.callback.attempts).to.have.length(1);
    expect(order.callback.attempts[0].outcome).to.equal('answered_unpaid');
    expect(order.callback.attempts[0].durationSeconds, 'the phone hangs up after 3 s').to.be.within(2.5, 15);
    expect(order.callback).to.deep.include({ state: 'scheduled', attemptsMade: 1 });
    expect(redialDelayMinutes(order)).to.be.within(2, 2.05);
    expect(order.status).to.be.oneOf(['created', 'abandoned']);
    expect(order.payCode).to.equal(created.payCode);
  });
});

describe('a callback campaign on 10 outbound lines @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;
  let clock: TestClock;

  before(async () => {
    clock = createTestClock(nextShanghaiHour(10));
    h = await startE2e('callback-capacity', CALLBACK_ENV, { now: clock.now });
  });
  after(async () => {
    await h?.stop();
  });

  it('when 50 callbacks are due at once, then never more than 10 outbound channels are up and all 50 are dialled', async () => {
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, h.service.stasis.activeCalls({ direction: 'outbound' }));
    }, 50);
    try {
      const orders: CallbackOrderView[] = [];
      for (let i = 0; i < 50; i += 1) orders.push(await newCallbackOrder(h, PHONE.answersThenHangsUp));
      const ids = orders.map((o) => o.id);

      const attempts = await waitFor(
        'a first attempt of all 50',
        () => h.service.db<CallbackAttemptRow>('callback_attempts').whereIn('order_id', ids).whereNotNull('ended_at').select('*'),
        (rows) => new Set(rows.map((r) => r.order_id)).size === 50,
        90_000,
      );

      expect(peak, 'outbound channels at the busiest moment').to.equal(10);
      expect(attempts.every((a) => a.outcome === 'answered_unpaid')).to.equal(true);
      expect(maxOverlap(attempts), 'attempts in progress at once, from their recorded times').to.be.at.most(10);
    } finally {
      clearInterval(sampler);
    }
  });
});

describe('a callback campaign across a service restart @e2e', function () {
  this.timeout(120_000);
  const env = { ...CALLBACK_ENV, CALLBACK_MAX_LINES: '4' };
  let clock: TestClock;
  let h: E2eHarness | undefined;

  after(async () => {
    await h?.stop();
  });

  it('when the service is stopped mid-campaign and started again on the same store, then every callback is dialled exactly once', async () => {
    clock = createTestClock(nextShanghaiHour(10));
    h = await startE2e('callback-restart', env, { now: clock.now });
    const orders: CallbackOrderView[] = [];
    for (let i = 0; i < 20; i += 1) orders.push(await newCallbackOrder(h, PHONE.answersThenHangsUp));
    const ids = orders.map((o) => o.id);
    const first = h;
    await waitFor(
      'the campaign to be under way',
      () => first.service.db<CallbackAttemptRow>('callback_attempts').whereIn('order_id', ids),
      (rows) => rows.length >= 4,
    );
    h = undefined;
    await first.stop();
    const beforeRestart = new Set(dialledAttempts('callback-restart', ids).map((d) => d.orderId));
    expect(beforeRestart.size, 'orders dialled before the stop: it stopped mid-way').to.be.within(1, 19);

    h = await startE2e('callback-restart', env, { now: clock.now });
    const rows = await waitFor(
      'every callback to have an ended attempt',
      () => h!.service.db<CallbackAttemptRow>('callback_attempts').whereIn('order_id', ids).select('*'),
      (all) => new Set(all.filter((r) => r.ended_at).map((r) => r.order_id)).size === 20,
      60_000,
    );

    const perOrder = countBy(rows.map((r) => r.order_id));
    expect([...perOrder.values()], 'attempts per order').to.deep.equal(Array(20).fill(1));
    expect(rows.map((r) => r.outcome)).to.deep.equal(Array(20).fill('answered_unpaid'));
    const callbacks = await h.service.db<CallbackRow>('callbacks').whereIn('order_id', ids).select('state', 'attempts_made');
    expect(callbacks.every((c) => c.state === 'scheduled' && Number(c.attempts_made) === 1)).to.equal(true);
    // What Asterisk was asked to dial, from both runs' logs: each attempt once, each order once.
    const dialled = dialledAttempts('callback-restart', ids);
    expect(dialled).to.have.length(20);
    expect(new Set(dialled.map((d) => d.attemptId))).to.deep.equal(new Set(rows.map((r) => r.id)));
    expect(new Set(dialled.map((d) => d.orderId)).size).to.equal(20);
  });
});
