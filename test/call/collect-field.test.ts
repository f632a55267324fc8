import { expect } from 'chai';
import pino from 'pino';
import { collectField, menuField, type FieldSpec } from '../../src/call/collect-field';
import { OutOfAttemptsError } from '../../src/call/out-of-attempts';
import type { FieldObserver } from '../../src/call/field-observer';
import type { StepContext } from '../../src/call/step-context';
import { FakeCall, SILENCE, type Answer } from '../helpers/fake-call';
import { createFakeFlow } from './fake-flow-deps';

const PIN_LIKE: FieldSpec<string> = {
  field: 'pin',
  prompts: ['enter-pin'],
  maxDigits: 7,
  errorPrompt: 'pin-invalid',
  check: (keys) => (/^\d{6}$/.test(keys) ? keys : undefined),
};

function contextFor(answers: Answer[], field = 'pin'): { ctx: StepContext; call: FakeCall } {
  const call = new FakeCall({ answers: { [field]: answers } });
  const { deps } = createFakeFlow({ settings: { maxAttempts: 3, firstDigitTimeoutMs: 7000, interDigitTimeoutMs: 4000 } });
  return { call, ctx: { call, deps, log: pino({ level: 'silent' }) } };
}

describe('collectField', () => {
  it('when the first answer is valid, then it is returned after one collect with the settings and # terminator', async () => {
    const { ctx, call } = contextFor(['123456#']);

    expect(await collectField(ctx, PIN_LIKE)).to.equal('123456');
    expect(call.collects).to.deep.equal([
      {
        field: 'pin',
        prompts: ['enter-pin'],
        maxDigits: 7,
        firstDigitTimeoutMs: 7000,
        interDigitTimeoutMs: 4000,
        terminator: '#',
        flush: false,
      },
    ]);
  });

  it('when an answer is invalid, then the error prompt plays and the retry flushes type-ahead', async () => {
    const { ctx, call } = contextFor(['12#99', '654321#']);

    expect(await collectField(ctx, PIN_LIKE)).to.equal('654321');
    expect(call.played).to.deep.equal([['enter-pin'], ['pin-invalid'], ['enter-pin']]);
    expect(call.collects.map((c) => c.flush)).to.deep.equal([false, true]);
  });

  it('when the caller is silent, then no-input plays, not the error prompt', async () => {
    const { ctx, call } = contextFor([SILENCE, '123456#']);

    await collectField(ctx, PIN_LIKE);
    expect(call.heard()).to.deep.equal(['enter-pin', 'no-input', 'enter-pin']);
  });

  it('when every try fails, then OutOfAttemptsError names the field after maxAttempts collects', async () => {
    const { ctx, call } = contextFor(['1#', SILENCE, '#']);

    const error = await collectField(ctx, PIN_LIKE).catch((err: unknown) => err);
    expect(error).to.be.instanceOf(OutOfAttemptsError);
    expect((error as OutOfAttemptsError).field).to.equal('pin');
    expect(call.collects).to.have.length(3);
  });

  it('when keys stop without # (inter-digit timeout), then they are checked as an answer', async () => {
    const { ctx } = contextFor(['123456']);
    expect(await collectField(ctx, PIN_LIKE)).to.equal('123456');
  });

  it('when onSilence is set, then silence answers with it at once', async () => {
    const { ctx, call } = contextFor([SILENCE], 'another-card');
    const spec = { ...menuField('another-card', ['try-another-card'], { '1': true, '2': false }), onSilence: false };

    expect(await collectField(ctx, spec)).to.equal(false);
    expect(call.collects).to.have.length(1);
  });

  it('when a menu gets a key that is not a choice, then invalid-key plays; a menu takes one key', async () => {
    const { ctx, call } = contextFor(['*', '2'], 'card-kind');
    const spec = menuField('card-kind', ['card-kind-choice'], { '1': 'credit', '2': 'debit' });

    expect(await collectField(ctx, spec)).to.equal('debit');
    expect(call.heard()).to.deep.equal(['card-kind-choice', 'invalid-key', 'card-kind-choice']);
    expect(call.collects[0].maxDigits).to.equal(1);
  });

  it('when a menu key is a name inherited by every object, then it is not taken for a choice', async () => {
    const { ctx } = contextFor(['c', '1'], 'confirm');
    const spec = menuField('confirm', ['confirm-pay'], { '1': 'pay' });
    expect(await collectField(ctx, spec)).to.equal('pay');
  });

  it('when a field is tried, then the observer hears each try and each rejection with its reason, never the keys', async () => {
    const { ctx } = contextFor(['12#', SILENCE, '123456#']);
    const heard: string[] = [];
    const fields: FieldObserver = {
      asked: (field) => heard.push(`asked ${field}`),
      rejected: (field, problem) => heard.push(`rejected ${field} ${problem}`),
    };

    await collectField({ ...ctx, deps: { ...ctx.deps, fields } }, PIN_LIKE);
    expect(heard).to.deep.equal(['asked pin', 'rejected pin invalid', 'asked pin', 'rejected pin silence', 'asked pin']);
  });
});
