import { EventEmitter } from 'node:events';
import type { QueryResult } from '../../src/acquirer/acquirer-port';
import { createConsoleData } from '../../src/console/console-data';
import { createSessionStore } from '../../src/console/console-sessions';
import { createLiveCalls } from '../../src/console/live-calls';
import { createOperatorService, type OperatorService } from '../../src/console/operator-service';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import type { CallbackState } from '../../src/store/callback-rows';
import type { NotificationStatus } from '../../src/store/notification-rows';
import type { ConsoleDeps } from '../../src/http/console/console-router';
import { createCallOrders } from '../../src/order/call-orders';
import { createOrderService } from '../../src/order/order-service';
import { createPaymentRecovery } from '../../src/payment/payment-recovery';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

/** 12:00 in Beijing on 2026-03-02. */
export const NOW = new Date('2026-03-02T04:00:00.000Z');
export const OPERATOR = { name: 'alice', password: 'correct horse battery' };
/** A masked card as the store keeps it; the console shows its bank and last four only. */
export const MASKED_CARD = '621626*********0018';

export interface ConsoleFixture {
  deps: TestDeps;
  operators: OperatorService;
  events: EventEmitter;
  /** What the fake acquirer answers to a query, by attempt id (pending when absent). */
  answers: Map<string, QueryResult>;
  /** Attempt ids by label: approved1…3, declined1…3, unknown, manual, yesterday. */
  attempts: Record<string, string>;
  liveOrderId: string;
  console: ConsoleDeps;
}

/**
 * A store with two merchants' payments today (3 approved, 3 declined, one unknown, one unknown_manual) and one
 * yesterday, call legs over the last two hours, callbacks and webhooks in every state, one live call holding an
 * order, one just started, and the operator alice.
 */
export async function createConsoleFixture(opts: { loginAttempts?: number; sessionMs?: number } = {}): Promise<ConsoleFixture> {
  const deps = await createTestDeps(NOW);
  const { db } = deps;
  const merchants = createMerchantService(deps);
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 86_400 });
  const callOrders = createCallOrders(deps);
  const acme = await merchants.createMerchant('Acme Travel');
  const globex = await merchants.createMerchant('Globex');

  let n = 0;
  async function orderInCall(merchantId: string, amount: number, callId: string) {
    const order = await orders.createOrder(merchantId, { merchantOrderId: `M${++n}`, amount });
    await callOrders.claimByPayCode(order.payCode as string, callId);
    const attempt: { id: string } = await db('order_attempts').where({ order_id: order.id }).first('id');
    return { orderId: order.id, orderAttemptId: attempt.id };
  }
  const attempts: Record<string, string> = {};
  async function attempt(
    label: string,
    merchantId: string,
    amount: number,
    state: AttemptState,
    createdAt: Date,
    reason?: string,
  ) {
    const { orderId, orderAttemptId } = await orderInCall(merchantId, amount, `call-${label}`);
    const id = `${orderAttemptId}-1`;
    await db('payment_attempts').insert({
      id,
      order_id: orderId,
      order_attempt_id: orderAttemptId,
      call_id: `call-${label}`,
      amount,
      currency: 'CNY',
      txn_time: '20260302115000',
      card_masked: MASKED_CARD,
      card_bank: 'pab',
      card_kind: 'debit',
      state,
      decline_reason: reason ?? null,
      created_at: createdAt.toISOString(),
      updated_at: createdAt.toISOString(),
    });
    attempts[label] = id;
  }
  const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
  await attempt('approved1', acme.id, 1000, 'approved', minutesAgo(50));
  await attempt('approved2', acme.id, 2000, 'approved', minutesAgo(20));
  await attempt('approved3', globex.id, 3000, 'approved', minutesAgo(5));
  await attempt('declined1', acme.id, 1500, 'declined', minutesAgo(40), 'insufficient_funds');
  await attempt('declined2', globex.id, 1500, 'declined', minutesAgo(30), 'insufficient_funds');
  await attempt('declined3', globex.id, 1500, 'declined', minutesAgo(10), 'wrong_pin');
  await attempt('unknown', acme.id, 4200, 'unknown', minutesAgo(15));
  await attempt('manual', globex.id, 5100, 'unknown_manual', minutesAgo(90));
  // 23:00 in Beijing the day before: not today's.
  await attempt('yesterday', acme.id, 9900, 'approved', new Date('2026-03-01T15:00:00.000Z'));

  for (const [i, m] of [5, 5, 6, 30, 60, 61, 100, 119, 200].entries()) {
    await db('call_legs').insert({
      id: `leg-${i}`,
      direction: i % 2 ? 'outbound' : 'inbound',
      started_at: minutesAgo(m).toISOString(),
    });
  }

  // Callback orders each get their callback; each is then set to one state.
  const cbs: [CallbackState, Date, Date?][] = [
    ['scheduled', minutesAgo(12)],
    ['scheduled', minutesAgo(3)],
    ['scheduled', minutesAgo(-30)],
    ['dialing', minutesAgo(1), minutesAgo(-1)],
    ['done', minutesAgo(60)],
  ];
  let cbOrderId = '';
  for (const [i, [state, next, lockedUntil]] of cbs.entries()) {
    const order = await orders.createOrder(acme.id, {
      merchantOrderId: `CB${i}`,
      amount: 100,
      mode: 'callback',
      phone: '13552535506',
    });
    cbOrderId = order.id;
    await db('callbacks')
      .where({ order_id: order.id })
      .update({ state, next_call_at: next.toISOString(), locked_until: lockedUntil?.toISOString() ?? null });
  }

  await db('notifications').del();
  const hook = (id: string, status: NotificationStatus, next: Date, createdAt: Date) => ({
    id,
    merchant_id: acme.id,
    order_id: cbOrderId,
    type: 'order.paid',
    payload: '{}',
    url: 'https://merchant.example/hook',
    status,
    next_attempt_at: next.toISOString(),
    give_up_at: minutesAgo(-1440).toISOString(),
    created_at: createdAt.toISOString(),
  });
  await db('notifications').insert([
    hook('evt1', 'pending', minutesAgo(1), minutesAgo(25)),
    hook('evt2', 'pending', minutesAgo(2), minutesAgo(8)),
    hook('evt3', 'pending', minutesAgo(-5), minutesAgo(4)),
    hook('evt4', 'failed', minutesAgo(100), minutesAgo(2000)),
    hook('evt5', 'delivered', minutesAgo(3), minutesAgo(3)),
  ]);

  const live = await orderInCall(globex.id, 8800, 'call-live');
  const events = new EventEmitter();
  const liveCalls = createLiveCalls(deps.now);
  liveCalls.follow(events);
  events.emit('call-start', { callId: 'call-live', args: ['inbound', '123456'] });
  events.emit('collect', { callId: 'call-live', field: 'card' });
  events.emit('call-start', { callId: 'call-new', args: ['callback', 'ord_x', 'att_y'] });

  const operators = createOperatorService(deps);
  await operators.create(OPERATOR.name, OPERATOR.password);
  const answers = new Map<string, QueryResult>();
  const recovery = createPaymentRecovery({
    ...deps,
    acquirer: { query: (ref) => Promise.resolve(answers.get(ref.attemptId) ?? { outcome: 'pending' }) },
    busy: () => false,
  });
  return {
    deps,
    operators,
    events,
    answers,
    attempts,
    liveOrderId: live.orderId,
    console: {
      data: createConsoleData({
        store: deps.store,
        now: deps.now,
        liveCalls,
        lines: () => ({ inbound: 7, outbound: 3, capacity: 30 }),
      }),
      operators,
      sessions: createSessionStore({ ttlMs: opts.sessionMs ?? 8 * 3_600_000, now: deps.now }),
      queryNow: (id) => recovery.queryNow(id),
      cookie: { secure: false },
      loginAttempts: opts.loginAttempts ?? 10,
      log: deps.log,
    },
  };
}
