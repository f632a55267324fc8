import type { ClaimResult } from './call-ports';
import type { PromptId } from './prompt-manifest';
import type { StepContext } from './step-context';
import { collectField } from './collect-field';

const PAY_CODE = /^\d{6}$/;

/** What the caller hears when a pay code names an order that cannot be paid now. */
export const NOT_PAYABLE_PROMPT: Record<Exclude<ClaimResult, { ok: true }>['reason'], PromptId> = {
  unknown: 'pay-code-invalid',
  expired: 'order-expired',
  paid: 'order-already-paid',
  in_call: 'order-in-call',
  not_payable: 'order-not-payable',
};

/**
 * A callback's order: the call was placed for it, so nothing is asked. Any refusal is final
 * (paid or cancelled in the meantime, expired, or being paid in another call).
 */
export async function claimCallbackOrder(ctx: StepContext, orderId: string): Promise<ClaimResult> {
  const claim = await ctx.deps.orders.claimById(orderId, ctx.call.id);
  // No pay code was keyed, so "that pay code is not valid" would only puzzle the cardholder.
  return !claim.ok && claim.reason === 'unknown' ? { ok: false, reason: 'not_payable' } : claim;
}

/**
 * Claims the order for this call: the pay code passed in by the transfer when it names an order,
 * else the one the caller keys (settings.maxAttempts tries). Returns the claim; only an `unknown`
 * pay code is asked again, every other refusal is final.
 */
export async function identifyOrder(ctx: StepContext, passedPayCode: string | undefined): Promise<ClaimResult> {
  const { call, deps, log } = ctx;
  const claim = (payCode: string) => deps.orders.claimByPayCode(payCode, call.id);

  if (passedPayCode !== undefined && passedPayCode !== '') {
    const passed: ClaimResult = PAY_CODE.test(passedPayCode) ? await claim(passedPayCode) : { ok: false, reason: 'unknown' };
    if (passed.ok || passed.reason !== 'unknown') return passed;
    log.info({ field: 'pay-code' }, 'pay code passed in is unknown, asking the caller');
  }

  return collectField<ClaimResult>(ctx, {
    field: 'pay-code',
    prompts: ['enter-pay-code'],
    maxDigits: 6,
    errorPrompt: 'pay-code-invalid',
    check: async (keys) => {
      if (!PAY_CODE.test(keys)) return undefined;
      const result = await claim(keys);
      return !result.ok && result.reason === 'unknown' ? undefined : result;
    },
  });
}
