import type { CallOrder, InboundCaller } from './call-ports';
import { errorSummary } from '../log/error-summary';
import type { CallOutcome } from './call-outcome';
import { CallerHungUpError } from './caller-hung-up';
import { handBackVariables } from './hand-back';
import type { PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';

/**
 * Last words, goodbye, hang up; or, for a caller a call centre wants back, last words and back to the dialplan
 * with the result. The outcome is decided before: a caller who hangs up during the goodbye (or a channel that
 * fails now) does not change it. `reason` is handed back with the result (a decline reason, why no order, …).
 */
export async function endCall(
  ctx: StepContext,
  prompts: PromptId[],
  outcome: CallOutcome,
  reason?: string,
): Promise<CallOutcome> {
  ctx.log.info({ outcome }, 'call ended');
  try {
    if (ctx.returnTo === undefined) {
      await ctx.call.play([...prompts, 'goodbye']);
      await ctx.call.hangup();
    } else {
      await ctx.call.play([...prompts, 'returning-to-agent']);
      await ctx.call.handBack(ctx.returnTo, handBackVariables(outcome, reason, ctx.orderId));
      ctx.log.info({ returnTo: ctx.returnTo }, 'call handed back');
    }
  } catch (err) {
    if (err instanceof CallerHungUpError) ctx.log.debug('caller hung up during the goodbye');
    else ctx.log.warn({ err: errorSummary(err) }, 'goodbye failed');
  }
  return outcome;
}

/**
 * Ends this call's attempt on the order. Best effort: the caller's channel may be gone, the store is not.
 * `caller`: an inbound caller leaving the order unpaid, who may get an SMS reminder (README, "SMS reminders").
 */
export async function releaseOrder(
  ctx: StepContext,
  order: CallOrder,
  outcome: 'abandoned' | 'declined',
  caller?: InboundCaller,
): Promise<void> {
  try {
    await ctx.deps.orders.releaseAfterCall(order.id, ctx.call.id, outcome, caller);
  } catch (err) {
    ctx.log.error({ err: errorSummary(err), release: outcome }, 'could not release the order');
  }
}
