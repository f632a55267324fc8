import { amountPrompts } from './amount-speech';
import type { CallPort } from './call-port';
import type { CallOrder, InboundCaller, PaymentFlowDeps } from './call-ports';
import { errorSummary } from '../log/error-summary';
import type { CallOutcome } from './call-outcome';
import { CallerHungUpError } from './caller-hung-up';
import { endCall, releaseOrder } from './end-call';
import { claimCallbackOrder, identifyOrder, NOT_PAYABLE_PROMPT } from './identify-order';
import { offerLanguage } from './offer-language';
import { merchantGreeting } from './merchant-greeting';
import { OutOfAttemptsError } from './out-of-attempts';
import { payOrder } from './pay-order';
import type { StepContext } from './step-context';

/**
 * The call script of docs/design.md, from answer to goodbye: greeting, the offer of the other language,
 * order by pay code (or, for a callback, the order the call was placed for), the merchant's own greeting when
 * it recorded one, then in the order's language unless the caller chose one: amount, then card after card until
 * paid, declined for good, or the acquirer is down.
 *
 * Returns the outcome instead of throwing for everything a caller can cause: a hang-up anywhere
 * returns `abandoned` (the order released as abandoned, unless it was already paid). Only faults of
 * our own (store, payment service) are rethrown, after a polite goodbye. An inbound caller who hangs up or runs out
 * of tries with the order claimed is handed to the release with `start.callerNumber`, for the SMS reminder.
 */
export async function runPaymentCall(
  call: CallPort,
  deps: PaymentFlowDeps,
  start: { payCode?: string; orderId?: string; returnTo?: string; callerNumber?: string },
): Promise<CallOutcome> {
  let ctx: StepContext = { call, deps, log: deps.log.child({ callId: call.id }), returnTo: start.returnTo };
  let order: CallOrder | undefined;
  try {
    await call.answer();
    const callback = start.orderId !== undefined;
    // A callback greets in its order's language; an inbound call in DEFAULT_LANGUAGE until its order is known.
    if (callback) call.language = (await deps.orders.languageOf(start.orderId as string)) ?? call.language;
    // Called out of the blue, the cardholder first hears why.
    await call.play(callback ? ['welcome', 'callback-intro'] : ['welcome']);
    const chosen = await offerLanguage(ctx);

    const claim = callback ? await claimCallbackOrder(ctx, start.orderId as string) : await identifyOrder(ctx, start.payCode);
    if (!claim.ok) {
      ctx.log.info({ reason: claim.reason }, 'no payable order');
      return await endCall(ctx, [NOT_PAYABLE_PROMPT[claim.reason]], 'no-order', claim.reason);
    }
    order = claim.order;
    ctx = { ...ctx, orderId: order.id, log: ctx.log.child({ orderId: order.id }) };
    // The caller's own choice wins over the order's and the merchant's.
    call.language = chosen ?? order.language ?? call.language;
    ctx.log.info({ language: call.language }, 'order claimed');

    // The merchant is known only now (an inbound call's pay code names it), so its greeting comes after the claim.
    const greeting = merchantGreeting(order, call.language);
    await call.play([...(greeting ? [greeting] : []), 'amount-is', ...amountPrompts(order.amount, call.language)]);
    return await payOrder(ctx, order);
  } catch (err) {
    // A caller who called in may get an SMS with the pay code; a callback has its own reminder policy.
    const caller: InboundCaller | undefined =
      start.orderId === undefined ? { callerNumber: start.callerNumber ?? '' } : undefined;
    return endAfterFailure(ctx, order, err, caller);
  }
}

async function endAfterFailure(
  ctx: StepContext,
  order: CallOrder | undefined,
  err: unknown,
  caller: InboundCaller | undefined,
): Promise<CallOutcome> {
  if (err instanceof CallerHungUpError) {
    ctx.log.info({ outcome: 'abandoned' }, 'caller hung up');
    if (order) await releaseOrder(ctx, order, 'abandoned', caller);
    return 'abandoned';
  }
  if (err instanceof OutOfAttemptsError) {
    ctx.log.info({ field: err.field }, 'too many attempts');
    if (order) await releaseOrder(ctx, order, 'abandoned', caller);
    return endCall(ctx, ['too-many-attempts'], 'abandoned', 'too_many_attempts');
  }

  // A fault of ours. The order is released even when the payment service failed without an answer: a payment
  // that may have gone out has its attempt recorded first (sending or unknown), and an order with such an attempt
  // cannot be claimed again until the recovery job has settled it, as after a pending answer. Left in_call, it
  // could be neither paid nor expired until the next restart (the chaos runs found one left so by a full disk).
  ctx.log.error({ err: errorSummary(err) }, 'call script failed');
  if (order) await releaseOrder(ctx, order, 'abandoned');
  await endCall(ctx, ['service-unavailable'], 'abandoned', 'service_error');
  throw err;
}
