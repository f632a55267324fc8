import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { connectSimulatedCaller, type SimulatedCaller } from '../../simulator/simulated-caller';
import { startStasisApp, type StasisApp } from '../../src/ari/stasis-app';
import type { CallPort, Collected } from '../../src/call/call-port';
import { CallerHungUpError } from '../../src/call/caller-hung-up';
import { captureLog } from './capture-log';
import { sandbox, sandboxAri } from './sandbox-asterisk';
import { startTcpProxy } from './tcp-proxy';

const TEST_APP = 'ivrpay-test';
const endpoint = 'Local/583920@ivrpay-inbound-test';
const log = pino({ level: process.env.E2E_LOG ?? 'silent' });

/** Seconds of audio in an 8 kHz 16-bit mono wav. */
function promptSeconds(soundsDir: string, id: string): number {
  return (fs.statSync(path.join(soundsDir, 'zh', `${id}.wav`)).size - 44) / 16_000;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Outcome {
  args?: string[];
  collected?: Collected;
  error?: unknown;
  /** From the end of the collect to the end of the goodbye prompt. */
  goodbyeMs?: number;
}

describe('ari/stasis app against the sandbox Asterisk @e2e', function () {
  this.timeout(60_000);
  const ari = sandboxAri();
  let app: StasisApp | undefined;
  let caller: SimulatedCaller | undefined;
  let outcomes: Outcome[] = [];

  /** A short script: welcome, then the pay code with barge-in, then goodbye. */
  async function payCodeScript(call: CallPort, args: string[]): Promise<void> {
    const outcome: Outcome = { args };
    outcomes.push(outcome);
    try {
      await call.answer();
      await call.play(['welcome']);
      outcome.collected = await call.collect({
        field: 'pay-code',
        prompts: ['enter-pay-code'],
        maxDigits: 8,
        firstDigitTimeoutMs: 20_000,
        interDigitTimeoutMs: 5_000,
      });
      const collected = Date.now();
      await call.play(['goodbye']);
      outcome.goodbyeMs = Date.now() - collected;
      await call.hangup();
    } catch (err) {
      outcome.error = err;
      throw err;
    }
  }

  const start = () =>
    startStasisApp({
      ...ari,
      app: TEST_APP,
      requestTimeoutMs: 3000,
      defaultLanguage: 'zh',
      returnContext: 'ivrpay-return',
      // The simulated cardholder learns the field asked from IVRPAY_FIELD.
      fieldVariable: true,
      log,
      onCall: payCodeScript,
    });

  before(async function () {
    this.timeout(200_000);
    await sandbox('start');
    caller = await connectSimulatedCaller({ ...ari, app: 'ivrpay-test-caller', requestTimeoutMs: 3000, log });
  });
  beforeEach(async () => {
    outcomes = [];
    app = await start();
  });
  afterEach(async () => {
    await app?.stop({ graceMs: 0 });
    app = undefined;
  });
  after(() => caller?.close());

  it('when the caller keys the pay code during the prompt, then the app gets the digits and the prompt stops at the first key', async () => {
    const result = await caller!.call({ endpoint, answers: { 'pay-code': '583920#' }, timeoutMs: 30_000 });
    expect(result).to.deep.include({ fieldsAsked: ['pay-code'], hungUpBy: 'ivr', fallback: false });
    expect(result.promptsHeard).to.include.members(['welcome', 'enter-pay-code', 'goodbye']);
    const [outcome] = outcomes;
    expect(outcome?.args).to.deep.equal(['inbound', '583920', '']); // no return-to: goodbye
    expect(outcome?.collected).to.deep.equal({ digits: '583920', reason: 'terminator' });
    expect(outcome?.error).to.equal(undefined);
    // Barge-in stopped enter-pay-code: goodbye did not have to queue behind the rest of it.
    const goodbye = promptSeconds(ari.soundsDir, 'goodbye') * 1000;
    const enterPayCode = promptSeconds(ari.soundsDir, 'enter-pay-code') * 1000;
    expect(outcome?.goodbyeMs).to.be.below(goodbye + Math.min(1500, enterPayCode / 2));
  });

  it('when the caller hangs up mid-collect, then the script gets CallerHungUpError and the call is gone', async () => {
    const ended = once(app!.events, 'call-end');
    const result = await caller!.call({ endpoint, answers: {}, hangupAfterField: 'pay-code', timeoutMs: 30_000 });
    await ended;
    expect(result.hungUpBy).to.equal('caller');
    expect(outcomes[0]?.error).to.be.instanceOf(CallerHungUpError);
    expect(app!.activeCalls()).to.equal(0);
  });

  it('when the app is not running, then the dialplan fallback answers the caller', async () => {
    await app!.stop({ graceMs: 0 });
    app = undefined;
    const result = await caller!.call({ endpoint, answers: {}, timeoutMs: 30_000 });
    expect(result).to.deep.include({ fallback: true, fieldsAsked: [], hungUpBy: 'ivr' });
  });

  it('when Asterisk restarts mid-call, then the call ends, the app reconnects and the next call works', async function () {
    this.timeout(240_000);
    const asked = once(app!.events, 'collect');
    const ended = once(app!.events, 'call-end');
    const inFlight = caller!.call({ endpoint, answers: {}, timeoutMs: 120_000 });
    await asked;
    const reconnected = once(app!.events, 'reconnected');
    await sandbox('stop');
    await ended;
    expect(outcomes[0]?.error).to.be.instanceOf(CallerHungUpError);
    expect((await inFlight).hungUpBy).to.be.oneOf(['ivr', 'disconnected']);
    await sandbox('start');
    await reconnected;
    const next = await caller!.call({ endpoint, answers: { 'pay-code': '654321#' }, timeoutMs: 30_000 });
    expect(next.fieldsAsked).to.deep.equal(['pay-code']);
    expect(outcomes[1]?.collected).to.deep.equal({ digits: '654321', reason: 'terminator' });
  });

  it('when the link to Asterisk stays down past ari-client retries, then the call ends, the app reconnects from scratch and hangs up the leftover channel', async function () {
    this.timeout(240_000);
    await app!.stop({ graceMs: 0 });
    const proxy = await startTcpProxy(Number(new URL(ari.url).port || 80));
    const captured = captureLog();
    try {
      app = await startStasisApp({
        ...ari,
        url: `http://127.0.0.1:${proxy.port}`,
        app: TEST_APP,
        requestTimeoutMs: 3000,
        defaultLanguage: 'zh',
        returnContext: 'ivrpay-return',
        fieldVariable: true,
        log: captured.log,
        onCall: payCodeScript,
      });
      const asked = once(app.events, 'collect');
      const ended = once(app.events, 'call-end');
      // The simulated caller keeps its own direct link, so it sees what happens to its channel.
      const inFlight = caller!.call({ endpoint, answers: {}, timeoutMs: 200_000 });
      await asked;
      const reconnected = once(app.events, 'reconnected');
      await proxy.pause();
      await ended;
      expect(outcomes[0]?.error).to.be.instanceOf(CallerHungUpError);
      await waitFor(() => captured.lines().some((l) => l.includes('gave up reconnecting')), 90_000);
      await proxy.resume();
      await reconnected;
      expect((await inFlight).hungUpBy).to.equal('ivr');
      const next = await caller!.call({ endpoint, answers: { 'pay-code': '24680#' }, timeoutMs: 30_000 });
      expect(next.fieldsAsked).to.deep.equal(['pay-code']);
      expect(outcomes[1]?.collected).to.deep.equal({ digits: '24680', reason: 'terminator' });
    } finally {
      await app?.stop({ graceMs: 0 });
      app = undefined;
      await proxy.close();
    }
  });
});
