import { resultPrompts } from '../call/announce-result';
import type { CallOrder } from '../call/call-ports';
import { CallerHungUpError } from '../call/caller-hung-up';
import { collectCard, type KeyedCard } from '../call/collect-card';
import { collectCardSecrets } from '../call/collect-card-secrets';
import { collectHolder } from '../call/collect-holder';
import { confirmPayment } from '../call/confirm-payment';
import { releaseOrder } from '../call/end-call';
import { forgetCardData } from '../call/forget-card-data';
import type { HolderData } from '../call/holder-data';
import { OutOfAttemptsError } from '../call/out-of-attempts';
import type { PaymentResult } from '../call/payment-result';
import type { PendingPayment } from '../call/pending-payment';
import type { PromptId } from '../call/prompt-manifest';
import { smsCodeStep, type SmsCodeOutcome } from '../call/sms-code-step';
import type { StepContext } from '../call/step-context';
import { submitPayment } from '../call/submit-payment';
import { errorSummary } from '../log/error-summary';
import type { CaptureField } from './agent-desk';
import { CaptureInterrupted } from './capture-call';
import type { CaptureProgress } from './capture-progress';

/** The card data a capture has so far; dropped field by field when the agent asks for one again. */
interface Keyed {
  card?: KeyedCard;
  holder?: HolderData;
  sms?: SmsCodeOutcome;
  /** Fields the agent asked for again, to be keyed again before the read-back. */
  again: Set<CaptureField>;
}

/**
 * One agent-assisted capture on the cardholder's channel (ctx.call, a CaptureCall): the IVR's steps and rules
 * (card, issuer check, PIN or expiry and CVN2, holder fields, SMS code, read-back, one payment), then the result
 * told to the cardholder, who stays with the agent. Ends in `progress` (never throws); the order is paid, or
 * released as the IVR would (declined, or abandoned: hung up, out of tries, cancelled, the acquirer down).
 */
export async function runCapture(ctx: StepContext, order: CallOrder, progress: CaptureProgress): Promise<void> {
  const keyed: Keyed = { again: new Set() };
  try {
    const result = await collectAndPay(ctx, order, progress, keyed);
    await finish(ctx, order, progress, result);
  } catch (err) {
    await stop(ctx, order, progress, err);
  } finally {
    if (keyed.card) forgetCardData(keyed.card, keyed.holder ?? {});
  }
}

async function collectAndPay(ctx: StepContext, order: CallOrder, progress: CaptureProgress, keyed: Keyed) {
  for (let entries = 1; ;) {
    try {
      keyed.card ??= await collectCard(ctx, { keyTwice: order.confirmCard });
      if (['pin', 'expiry', 'cvn2'].some((f) => keyed.again.has(f as CaptureField))) {
        Object.assign(keyed.card.data, await collectCardSecrets(ctx, keyed.card.data.kind));
        for (const f of ['pin', 'expiry', 'cvn2'] as const) keyed.again.delete(f);
      }
      keyed.holder ??= await collectHolder(ctx, order.requires);
      for (const f of ['id', 'mobile'] as const) {
        if (!keyed.again.has(f)) continue;
        Object.assign(keyed.holder, await collectHolder(ctx, { idNumber: f === 'id', mobile: f === 'mobile' }));
        keyed.again.delete(f);
      }
      keyed.sms ??= await smsCodeStep(ctx, order, keyed.card, keyed.holder);
      if (!keyed.sms.ok) return keyed.sms.result;
      const choice = await confirmPayment(ctx, keyed.card.data.pan, order.amount);
      if (choice === 'pay') {
        // From here the payment may go out: the agent can neither cancel nor ask again.
        progress.to('submitting');
        return await submitPayment(ctx, order, keyed.card, keyed.holder, keyed.sms.attempt);
      }
      ctx.log.info({ field: 'confirm', entries }, 'cardholder re-enters the card');
      if (++entries > ctx.deps.settings.maxAttempts) throw new OutOfAttemptsError('confirm');
      // As in the IVR: 2 at the read-back starts again from the card number, holder fields included.
      forgetCardData(keyed.card, keyed.holder);
      keyed.card = keyed.holder = keyed.sms = undefined;
    } catch (err) {
      if (!(err instanceof CaptureInterrupted) || err.kind !== 'ask-again' || !err.field) throw err;
      ctx.log.info({ field: err.field }, 'agent asked for a field again');
      askAgain(keyed, err.field);
    }
  }
}

/** Drops what `field` holds and what depends on it (a new card needs its secrets, an SMS code its card and mobile). */
function askAgain(keyed: Keyed, field: CaptureField): void {
  if (field === 'card' && keyed.card) {
    forgetCardData(keyed.card, {});
    keyed.card = undefined;
  } else if (field !== 'card' && field !== 'sms-code') {
    keyed.again.add(field);
  }
  // The code went to a mobile for a card: keyed again, either may differ, so a new code is asked for.
  keyed.sms = undefined;
}

async function finish(ctx: StepContext, order: CallOrder, progress: CaptureProgress, result: PaymentResult | PendingPayment) {
  switch (result.outcome) {
    case 'approved':
      progress.to('paid', 'approved');
      break;
    case 'declined':
      await releaseOrder(ctx, order, 'declined');
      progress.to('declined', result.reason);
      break;
    case 'unavailable':
      await releaseOrder(ctx, order, 'abandoned');
      progress.to('failed', 'acquirer_unavailable');
      break;
    case 'pending':
      // It may have gone through: the order is released but cannot be paid again until the query settles it.
      await releaseOrder(ctx, order, 'abandoned');
      progress.to('failed', 'payment_pending');
      break;
  }
  await tell(ctx, resultPrompts(result));
}

async function stop(ctx: StepContext, order: CallOrder, progress: CaptureProgress, err: unknown): Promise<void> {
  await releaseOrder(ctx, order, 'abandoned');
  if (err instanceof CallerHungUpError) {
    ctx.log.info('cardholder hung up during the capture');
    progress.to('abandoned', 'caller_hung_up');
  } else if (err instanceof CaptureInterrupted) {
    ctx.log.info('capture cancelled by the agent');
    progress.to('cancelled', 'cancelled_by_agent');
    await tell(ctx, ['payment-cancelled']);
  } else if (err instanceof OutOfAttemptsError) {
    ctx.log.info({ field: err.field }, 'too many attempts');
    progress.to('failed', 'too_many_attempts');
    await tell(ctx, ['too-many-attempts', 'payment-cancelled']);
  } else {
    // A fault of ours (store, payment service): as in the IVR, a payment that may have gone out has its attempt
    // recorded first, and recovery settles it.
    ctx.log.error({ err: errorSummary(err) }, 'capture failed');
    progress.to('failed', 'service_error');
  }
}

/** The cardholder may have hung up meanwhile: the outcome stands. */
async function tell(ctx: StepContext, prompts: PromptId[]): Promise<void> {
  await ctx.call.play(prompts).catch((err: unknown) => {
    if (!(err instanceof CallerHungUpError)) ctx.log.warn({ err: errorSummary(err) }, 'result prompt failed');
  });
}
