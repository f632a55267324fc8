import type { CallOrder, InboundCaller } from './call-ports';
import { errorSummary } from '../log/error-summary';
import type { CallOutcome } from './call-outcome';
import { CallerHungUpError } from './caller-hung-up';
import type { PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';

/**
 * Last words, goodbye, hang up. The outcome is decided before: a caller who hangs up during the
 * goodbye (or a channel that fails now) does not change it.
 */
export async function endCall(ctx: StepContext, prompts: PromptId[], outcome: CallOutcome): Promise<CallOutcome> {
  ctx.log.info({ outcome }, 'call ended');
  try {
    await ctx.call.play([...prompts, 'goodbye']);
    await ctx.call.hangup();
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
