import type { AppError } from '../../domain/app-error';

/** The agent desk's refusals (src/agent-assist/agent-desk.ts) as the agent page says them. */
const MESSAGES: Partial<Record<AppError['code'], string>> = {
  not_found: 'No such call or order for your merchant: check the order id, or the call may have ended.',
  conflict: 'A capture is already running on this call, or the call has ended.',
  order_not_payable: 'This order cannot be paid: it is already paid, cancelled, expired, or being paid in another call.',
  unavailable: 'The payment service is not available right now: try again in a moment.',
};

export function deskErrorMessage(err: AppError): string {
  return MESSAGES[err.code] ?? err.message;
}
