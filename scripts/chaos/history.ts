/**
 * What a chaos run leaves behind, as the history checker reads it: the acquirer's side (what it decided and what
 * reached it), ours (orders, attempts, the outbox, alerts in our log), the merchant's (deliveries), and every file
 * written.
 */
export interface History {
  /** The acquirer's ledger (sandbox-acquirer/sandbox-ledger.ts): each transaction it decided, with its final code. */
  ledger: Array<{ orderId: string; txnType: string; respCode: string; amountFen: number }>;
  /** Consume requests that reached the acquirer per its orderId, repeats included. */
  consumesReceived: Record<string, number>;
  orders: Array<{ id: string; status: string; amount: number }>;
  attempts: Array<{ id: string; orderId: string; state: string }>;
  /** The merchant events of the outbox. */
  events: Array<{ id: string; orderId: string; type: string }>;
  deliveries: Array<{ eventId: string | undefined; signature: string | undefined; body: string; status: number }>;
  /** The secret the merchant's deliveries are signed with. */
  webhookSecret: string;
  /** Attempts our log raised the `payment_unresolved` alert for (the unknown_manual flag's alert). */
  alertedAttempts: string[];
  /** Every file the run wrote, and each delivery's body: a name and the text (latin1 for files). */
  written: Array<{ name: string; text: string }>;
}

/** The checker's invariants, as `npm run chaos` counts violations. */
export const INVARIANTS = [
  'approved consumes = paid orders',
  'at most one approved consume per order',
  'unknown attempts resolved or flagged',
  'merchant events delivered, deduplicable by id',
  'no card data written',
  'no order left in a call that ended',
] as const;

export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: Invariant;
  detail: string;
}

export interface Verdict {
  violations: Violation[];
  /** Orders charged at the acquirer whose attempt is flagged unknown_manual: the reconciliation file settles them. */
  flagged: number;
}

/** What a run did, so the figures show the payments the faults hit (not only the faults). */
export interface Activity {
  orders: number;
  paid: number;
  attempts: number;
  /** Consume requests that reached the acquirer, and those it approved. */
  consumes: number;
  approvedConsumes: number;
  events: number;
  deliveries: number;
}

export function activityOf(h: History): Activity {
  return {
    orders: h.orders.length,
    paid: h.orders.filter((o) => o.status === 'paid').length,
    attempts: h.attempts.length,
    consumes: Object.values(h.consumesReceived).reduce((a, b) => a + b, 0),
    approvedConsumes: h.ledger.filter((e) => e.txnType === '01' && e.respCode === '00').length,
    events: h.events.length,
    deliveries: h.deliveries.length,
  };
}

export function addActivity(into: Activity, from: Activity): void {
  for (const key of Object.keys(into) as (keyof Activity)[]) into[key] += from[key];
}

export const NO_ACTIVITY: Readonly<Activity> = {
  orders: 0,
  paid: 0,
  attempts: 0,
  consumes: 0,
  approvedConsumes: 0,
  events: 0,
  deliveries: 0,
};
