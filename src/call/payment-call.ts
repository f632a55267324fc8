import { amountPrompts } from './amount-speech';
import type { CallPort } from './call-port';
import type { CallOrder, PaymentFlowDeps } from './call-ports';
import { errorSummary } from '../log/error-summary';
import type { CallOutcome } from './call-outcome';
import { CallerHungUpError } from './caller-hung-up';
import { endCall, releaseOrder } from './end-call';
import { claimCallbackOrder, identifyOrder, NOT_PAYABLE_PROMPT } from './identify-order';
import { merchantGreeting } from './merchant-greeting';
import { OutOfAttemptsError } from './out-of-attempts';
import { payOrder } from './pay-order';
import type { StepContext } from './step-context';

/**
 * The call script of docs/design.md, from answer to goodbye: greeting, order by pay code (or, for a
 * callback, the order the call was placed for), the merchant's own greeting when it recorded one, amount,
 * then card after card until paid, declined for good, or the acquirer is down.
 *
 * Returns the outcome instead of throwing for everything a caller can cause: a hang-up anywhere
 * returns `abandoned` (the order released as abandoned, unless it was already paid). Only faults of
 * our own (store, payment service) are rethrown, after a polite goodbye.
 */
export async function runPaymentCall(
  call: CallPort,
  deps: PaymentFlowDeps,
  start: { payCode?: string; orderId?: string },
): Promise<CallOutcome> {
  let ctx: StepContext = { call, deps, log: deps.log.child({ callId: call.id }) };
  let order: CallOrder | undefined;
  try {
    await call.answer();
    const callback = start.orderId !== undefined;
    // Called out of the blue, the cardholder first hears why.
    await call.play(callback ? ['welcome', 'callback-intro'] : ['welcome']);

    const claim = callback ? await claimCallbackOrder(ctx, start.orderId as string) : await identifyOrder(ctx, start.payCode);
    if (!claim.ok) {
      ctx.log.info({ reason: claim.reason }, 'no payable order');
      return await endCall(ctx, [NOT_PAYABLE_PROMPT[claim.reason]], 'no-order');
    }
    order = claim.order;
    ctx = { ...ctx, log: ctx.log.child({ orderId: order.id }) };
    ctx.log.info('order claimed');

    // The merchant is known only now (an inbound call's pay code names it), so its greeting comes after the claim.
    const greeting = merchantGreeting(order, call.language);
    if (greeting) await call.play([greeting]);
    await call.play(['amount-is', ...amountPrompts(order.amount, call.language)]);
    return await payOrder(ctx, order);
  } catch (err) {
    return endAfterFailure(ctx, order, err);
  }
}

async function endAfterFailure(ctx: StepContext, order: CallOrder | undefined, err: unknown): Promise<CallOutcome> {
  if (err instanceof CallerHungUpError) {
    ctx.log.info({ outcome: 'abandoned' }, 'caller hung up');
    if (order) await releaseOrder(ctx, order, 'abandoned');
    return 'abandoned';
  }
  if (err instanceof OutOfAttemptsError) {
    ctx.log.info({ field: err.field }, 'too many attempts');
    if (order) await releaseOrder(ctx, order, 'abandoned');
    return endCall(ctx, ['too-many-attempts'], 'abandoned');
  }

  // A fault of ours. The order is released even when the payment service failed without an answer: a payment
  // that may have gone out has its attempt recorded first (sending or unknown), and an order with such an attempt
  // cannot be claimed again until the recovery job has settled it, as after a pending answer. Left in_call, it
  // could be neither paid nor expired until the next restart (the chaos runs found one left so by a full disk).
  ctx.log.error({ err: errorSummary(err) }, 'call script failed');
  if (order) await releaseOrder(ctx, order, 'abandoned');
  await endCall(ctx, ['service-unavailable'], 'abandoned');
  throw err;
}
