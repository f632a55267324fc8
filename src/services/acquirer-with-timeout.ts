import type { AcquirerPort, PaymentRequest, PaymentResult } from '../acquirer/acquirer-port';

export type TimedPayment =
  | { kind: 'answered'; result: PaymentResult }
  | { kind: 'failed'; error: string }
  /** No answer in time; `late` settles with the answer if one ever comes. */
  | { kind: 'timed_out'; late: Promise<PaymentResult | undefined> };

/** Sends one payment and waits at most `timeoutMs`. Never retries: a second send could charge twice. */
export async function payWithTimeout(acquirer: AcquirerPort, request: PaymentRequest, timeoutMs: number): Promise<TimedPayment> {
  const pending = Promise.resolve().then(() => acquirer.pay(request));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const first = await Promise.race([pending, timeout]);
    if (first === 'timeout') return { kind: 'timed_out', late: pending.catch(() => undefined) };
    return { kind: 'answered', result: first };
  } catch (err) {
    // Only the message: an adapter's error object may carry the request it failed to send.
    return { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
