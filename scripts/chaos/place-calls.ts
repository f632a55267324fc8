import { setTimeout as delay } from 'node:timers/promises';
import type { OrderPlan, RunPlan } from './fault-plan';
import { count, type Tally } from './fault-tally';
import type { RunService } from './run-service';
import type { CallAnswer, CallRequest } from './service/service-child';

export interface PlaceCallsOptions {
  plan: RunPlan;
  index: number;
  service: RunService;
  apiKey: string;
  /** The merchant's notify URL, given with every order. */
  notifyUrl: string;
  tally: Tally;
}

/** Statuses in which an order takes another call (README, Merchant API: declined and abandoned stay payable). */
const PAYABLE = new Set(['created', 'declined', 'abandoned']);

/**
 * One merchant API request, tried again while the service is down or restarting (a kill during the previous
 * call), as a merchant's client would.
 */
async function api<T>(o: PlaceCallsOptions, path: string, body?: unknown): Promise<T> {
  for (let tries = 1; ; tries++) {
    const { port } = await o.service.ensure();
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${o.apiKey}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    } catch (err) {
      if (tries >= 20) throw err;
      await delay(100);
    }
  }
}

/** One call to the service; `killed` when the service died during it (the call died with it). */
async function call(o: PlaceCallsOptions, req: CallRequest): Promise<string> {
  try {
    const answer = await o.service.command<CallAnswer>('call', req);
    if (!answer.faultFired || !req.callFault) return answer.outcome;
    count(o.tally, req.callFault.kind);
    return `${answer.outcome} (${req.callFault.kind})`;
  } catch (err) {
    if (!o.service.url()) return 'killed';
    throw err;
  }
}

export interface CreatedOrder {
  id: string;
  payCode: string;
}

/** The plan's orders, over the merchant API, before any fault. */
export async function createOrders(o: PlaceCallsOptions): Promise<CreatedOrder[]> {
  const created: CreatedOrder[] = [];
  for (const [i, order] of o.plan.orders.entries()) {
    created.push(
      await api<CreatedOrder>(o, '/v1/orders', {
        merchantOrderId: `CHAOS${o.index}N${i}`,
        amount: order.amount,
        expiresInSeconds: order.expiresInSeconds,
        currency: 'CNY',
        description: `Chaos run ${o.index}, order ${i}`,
        mode: 'inbound',
        notifyUrl: o.notifyUrl,
      }),
    );
  }
  return created;
}

async function payOrder(o: PlaceCallsOptions, order: OrderPlan, created: CreatedOrder, i: number): Promise<string[]> {
  const base = { payCode: created.payCode, keysPayCode: order.keysPayCode };
  const outcomes = [
    await call(o, {
      ...base,
      callId: `call-${o.index}-${i}-1`,
      card: order.card,
      ...(order.callFault ? { callFault: order.callFault } : {}),
    }),
  ];
  if (!order.callsAgain) return outcomes;
  const now = await api<{ status: string }>(o, `/v1/orders/${created.id}`);
  // An order with a payment still being confirmed is not payable: the claim says so, which is part of the test.
  if (PAYABLE.has(now.status))
    outcomes.push(await call(o, { ...base, callId: `call-${o.index}-${i}-2`, card: 'approved-debit' }));
  return outcomes;
}

/** Pays each order on the call script, all at once or one after another; the outcomes of the calls. */
export async function placeCalls(o: PlaceCallsOptions, orders: CreatedOrder[]): Promise<string[]> {
  const pay = (i: number) => payOrder(o, o.plan.orders[i], orders[i], i);
  if (o.plan.concurrentCalls) return (await Promise.all(orders.map((_, i) => pay(i)))).flat();
  const outcomes: string[] = [];
  for (const i of orders.keys()) outcomes.push(...(await pay(i)));
  return outcomes;
}
