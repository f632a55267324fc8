import type { HolderData } from './holder-data';
import type { PaymentResult } from './payment-result';
import type { CallOrder, PreparedAttempt } from './call-ports';
import type { KeyedCard } from './collect-card';
import { collectField } from './collect-field';
import { collectHolder } from './collect-holder';
import type { StepContext } from './step-context';

/** The attempt to pay (none when the card needs no code), or why no code could be sent. */
export type SmsCodeOutcome = { ok: true; attempt?: PreparedAttempt } | { ok: false; result: PaymentResult };

/**
 * The SMS OTP step, for cards whose acquirer field set wants one: the payment service records the
 * attempt and has the code texted to the bank-registered mobile, then the caller keys the 6 digits.
 * The consume must name that same attempt (same order id, txnTime and amount), so it is returned.
 */
export async function smsCodeStep(
  ctx: StepContext,
  order: CallOrder,
  keyed: KeyedCard,
  holder: HolderData,
): Promise<SmsCodeOutcome> {
  const { payments } = ctx.deps;
  if (!payments.requestSmsCode || !payments.smsCodeRequired?.(keyed.data)) return { ok: true };
  // The acquirer sends the request with the mobile, even for merchants whose field set skips it.
  if (!holder.mobile) holder.mobile = (await collectHolder(ctx, { idNumber: false, mobile: true })).mobile;

  const requested = await payments.requestSmsCode({
    orderId: order.id,
    callId: ctx.call.id,
    card: keyed.data,
    bankCode: keyed.bankCode,
    holder,
  });
  if (!requested.ok) {
    ctx.log.info({ field: 'sms-code', reason: requested.reason }, 'SMS code not sent');
    // No consume went out, so there is no response code to report.
    const result: PaymentResult =
      requested.reason === 'unavailable'
        ? { outcome: 'unavailable' }
        : { outcome: 'declined', reason: requested.reason, responseCode: '' };
    return { ok: false, result };
  }
  holder.smsCode = await collectField(ctx, {
    field: 'sms-code',
    prompts: ['enter-sms-code'],
    maxDigits: 6,
    errorPrompt: 'sms-code-invalid',
    check: (keys) => (/^\d{6}$/.test(keys) ? keys : undefined),
  });
  return { ok: true, attempt: requested.attempt };
}
