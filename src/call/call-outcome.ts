/**
 * How a payment call ended, as runPaymentCall reports it.
 * - `paid`: the acquirer approved; the order is paid (even if the caller hung up during the goodbye).
 * - `declined`: the last card tried was declined and the caller ended, or had no cards left to try.
 * - `unavailable`: the acquirer could not be reached; nothing charged, the order stays payable.
 * - `pending`: no final answer while the caller waited; the payment is being confirmed by query and
 *   the merchant is told the result. The order is released, but cannot be paid again until then.
 * - `abandoned`: the caller hung up or ran out of attempts (pay code included) before a final answer.
 * - `no-order`: the pay code names an order that cannot be paid (expired, paid, in another call, …).
 */
export type CallOutcome = 'paid' | 'declined' | 'unavailable' | 'pending' | 'abandoned' | 'no-order';
