import { acpOrderIdOf } from '../../src/acquirer/acp';
import { verifyIvrpaySignature } from '../../src/notify/verify-signature';
import { cardDataIn } from '../../test/helpers/card-data-needles';
import type { History, Invariant, Verdict, Violation } from './history';

const PAID = new Set(['paid', 'partially_refunded', 'refunded']);
const UNSETTLED = new Set(['sending', 'unknown']);

/**
 * Checks a run's history against the invariants of issue 17 §2 (and docs/reference/security.md §3.2, F1–F5, F11).
 * Pure: the runner collects the history (collect-history.ts); unit tests hand it violating ones.
 */
export function checkHistory(h: History): Verdict {
  const violations: Violation[] = [];
  const flag = (invariant: Invariant, detail: string) => violations.push({ invariant, detail });
  const attemptByAcpId = new Map(h.attempts.map((a) => [acpOrderIdOf(a.id), a]));
  const approved = new Map<string, Array<{ attempt: (typeof h.attempts)[number]; amountFen: number }>>();
  for (const entry of h.ledger) {
    if (entry.txnType !== '01' || entry.respCode !== '00') continue;
    const attempt = attemptByAcpId.get(entry.orderId);
    if (!attempt) {
      flag('approved consumes = paid orders', `the acquirer approved ${entry.orderId}, which is no attempt of ours`);
      continue;
    }
    approved.set(attempt.orderId, [...(approved.get(attempt.orderId) ?? []), { attempt, amountFen: entry.amountFen }]);
  }
  let flagged = 0;
  for (const order of h.orders) {
    const charges = approved.get(order.id) ?? [];
    const paid = PAID.has(order.status);
    if (charges.length > 1)
      flag('at most one approved consume per order', `order ${order.id} has ${charges.length} approved consumes at the acquirer`);
    if (paid && charges.length === 0)
      flag('approved consumes = paid orders', `order ${order.id} is ${order.status} with no approved consume at the acquirer`);
    if (!paid && charges.length > 0) {
      if (charges.every((c) => c.attempt.state === 'unknown_manual')) flagged += 1;
      else flag('approved consumes = paid orders', `order ${order.id} was charged at the acquirer but is ${order.status}`);
    }
    for (const c of charges.filter((c) => c.amountFen !== order.amount))
      flag('approved consumes = paid orders', `order ${order.id} of ${order.amount} fen was charged ${c.amountFen}`);
  }
  for (const [acpOrderId, n] of Object.entries(h.consumesReceived)) {
    if (n > 1) flag('at most one approved consume per order', `the consume of ${acpOrderId} reached the acquirer ${n} times`);
  }
  const alerted = new Set(h.alertedAttempts);
  for (const a of h.attempts) {
    if (UNSETTLED.has(a.state)) flag('unknown attempts resolved or flagged', `attempt ${a.id} was left ${a.state}`);
    if (a.state === 'unknown_manual' && !alerted.has(a.id))
      flag('unknown attempts resolved or flagged', `attempt ${a.id} is unknown_manual without its payment_unresolved alert`);
  }
  // Every call of the run is over by now (or died with its process, whose restart released it): an order still
  // in_call can be neither paid nor expired again (the fuzz suite's rule for the call script, under faults).
  for (const order of h.orders.filter((o) => o.status === 'in_call'))
    flag('no order left in a call that ended', `order ${order.id} is still in_call after its calls ended`);
  checkEvents(h, flag);
  for (const file of h.written) {
    for (const what of cardDataIn(file.text)) flag('no card data written', `${what} in ${file.name}`);
  }
  return { violations, flagged };
}

function checkEvents(h: History, flag: (invariant: Invariant, detail: string) => void): void {
  const invariant: Invariant = 'merchant events delivered, deduplicable by id';
  const bodies = new Map<string, string>();
  const accepted = new Set<string>();
  for (const d of h.deliveries) {
    const id = d.eventId ?? '(none)';
    let bodyId: unknown;
    try {
      bodyId = (JSON.parse(d.body) as { id?: unknown }).id;
    } catch {
      bodyId = undefined;
    }
    if (bodyId !== d.eventId) flag(invariant, `a delivery's Ivrpay-Event-Id ${id} is not its body's id`);
    const t = /(?:^|,)t=(\d+)/.exec(d.signature ?? '')?.[1];
    // The signature, not its age: the service's clock may have jumped hours ahead of the merchant's.
    if (!verifyIvrpaySignature(d.body, d.signature, h.webhookSecret, { nowSeconds: Number(t) }))
      flag(invariant, `delivery of ${id} is not signed with the merchant's secret`);
    const first = bodies.get(id);
    if (first === undefined) bodies.set(id, d.body);
    else if (sameEvent(first, d.body) === false) flag(invariant, `two deliveries of ${id} carry different events`);
    if (d.status >= 200 && d.status < 300) accepted.add(id);
  }
  for (const e of h.events) {
    if (!accepted.has(e.id)) flag(invariant, `event ${e.id} (${e.type} of ${e.orderId}) was never delivered`);
  }
  for (const order of h.orders.filter((o) => PAID.has(o.status))) {
    const paidEvents = h.events.filter((e) => e.orderId === order.id && e.type === 'order.paid').length;
    if (paidEvents !== 1) flag(invariant, `order ${order.id} is paid with ${paidEvents} order.paid events`);
  }
}

/** Two deliveries of one event: the same type and order data (a redelivery is the same event, byte for byte). */
function sameEvent(a: string, b: string): boolean {
  try {
    const [x, y] = [JSON.parse(a) as { type?: unknown; data?: unknown }, JSON.parse(b) as { type?: unknown; data?: unknown }];
    return x.type === y.type && JSON.stringify(x.data) === JSON.stringify(y.data);
  } catch {
    return a === b;
  }
}
