import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import pino from 'pino';
import type { CollectOptions } from '../../src/call/call-port';
import { MutedWhileKeying } from '../../src/agent-assist/muted-while-keying';
import { FakeCall } from '../helpers/fake-call';

const GRACE_MS = 40;

function field(name: string, maxDigits: number): CollectOptions {
  return { field: name, prompts: [], maxDigits, firstDigitTimeoutMs: 1000, interDigitTimeoutMs: 1000 };
}

/** A cardholder keying `answers`, and every mute (true) and unmute (false) asked of the bridge, with what happened meanwhile. */
function setup(answers: Record<string, string>, mute?: (muted: boolean) => Promise<void>) {
  const inner = new FakeCall({ id: 'holder', answers });
  const log: string[] = [];
  const onAsk = inner.collect.bind(inner);
  inner.collect = (options) => {
    log.push(`collect ${options.field}`);
    return onAsk(options);
  };
  const call = new MutedWhileKeying(
    inner,
    (muted) => {
      log.push(muted ? 'mute' : 'unmute');
      return mute ? mute(muted) : Promise.resolve();
    },
    pino({ level: 'silent' }),
    GRACE_MS,
  );
  return { call, inner, log };
}

describe('agent-assist/MutedWhileKeying', () => {
  it('when the cardholder keys two fields one after the other, then they are muted before the first is asked and unmuted once, after the grace', async () => {
    const { call, log } = setup({ pin: '123456', 'id-number': '11010519491231002X' });

    expect((await call.collect(field('pin', 6))).digits).to.equal('123456');
    await call.collect(field('id-number', 18));
    expect(log).to.deep.equal(['mute', 'collect pin', 'collect id-number']);

    await sleep(GRACE_MS * 3);
    expect(log).to.deep.equal(['mute', 'collect pin', 'collect id-number', 'unmute']);
  });

  it('when the next field is asked within the grace, then the cardholder stays muted, without a second request', async () => {
    const { call, log } = setup({ pin: '123456', mobile: '13812345678' });
    await call.collect(field('pin', 6));
    await sleep(GRACE_MS / 4);
    await call.collect(field('mobile', 11));
    expect(log.filter((l) => l === 'mute' || l === 'unmute')).to.deep.equal(['mute']);
    await sleep(GRACE_MS * 3);
    expect(log.at(-1)).to.equal('unmute');
  });

  it('when a field is asked after the cardholder was unmuted, then they are muted again before it', async () => {
    const { call, log } = setup({ pin: '123456', mobile: '13812345678' });
    await call.collect(field('pin', 6));
    await sleep(GRACE_MS * 3);
    await call.collect(field('mobile', 11));
    expect(log).to.deep.equal(['mute', 'collect pin', 'unmute', 'mute', 'collect mobile']);
  });

  it('when muting fails, then the field is not asked and the collect rejects; the next field tries the mute again', async () => {
    let fails = true;
    const { call, log } = setup({ pin: '123456' }, () => (fails ? Promise.reject(new Error('ari_timeout')) : Promise.resolve()));
    const err = await call.collect(field('pin', 6)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).message).to.equal('ari_timeout');
    expect(log).to.deep.equal(['mute']);

    fails = false;
    expect((await call.collect(field('pin', 6))).digits).to.equal('123456');
    expect(log).to.deep.equal(['mute', 'mute', 'collect pin']);
  });

  it('when the cardholder hangs up during a field, then no unmute is sent to the channel that is gone', async () => {
    const { call, inner, log } = setup({ pin: '12' });
    inner.hangUpNow();
    await call.collect(field('pin', 6)).catch(() => undefined);
    await sleep(GRACE_MS * 3);
    expect(log).to.not.include('unmute');
  });

  it('when prompts play outside a field, then nothing is muted: the agent hears the cardholder between captures', async () => {
    const { call, inner, log } = setup({});
    await call.play(['payment-cancelled']);
    expect(inner.heard()).to.deep.equal(['payment-cancelled']);
    expect(call.id).to.equal('holder');
    expect(log).to.deep.equal([]);
  });
});
