import type { Knex } from 'knex';
import { createDialer, type Dialer, type DialerDeps } from '../../src/callback/dialer';
import type { OriginateRequest, OriginateResult } from '../../src/callback/originator-port';
import { sampleSegmentTable } from '../../src/callback/sample-segments';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import type { CallbackRow } from '../../src/store/callback-rows';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

export type Behaviour = (req: OriginateRequest, fx: DialerFixture) => Promise<OriginateResult>;

export interface DialerFixture {
  deps: TestDeps;
  orders: OrderService;
  merchantId: string;
  /** Every originate request, in order. */
  calls: OriginateRequest[];
  /** What the fake originator does; replace per test. */
  behaviour: Behaviour;
  inbound: number;
  dialer: Dialer;
  newDialer(overrides?: Partial<DialerDeps>): Dialer;
  createCallbackOrder(extra?: Record<string, unknown>): Promise<string>;
  /** One dialer run, then waits for its calls to end and be recorded. */
  runOnce(dialer?: Dialer): Promise<void>;
  callback(orderId: string): Promise<CallbackRow>;
  close(): Promise<void>;
}

/** A call that ended without an answer after `seconds`, with this Q.850 cause and Dial status. */
export function unanswered(cause: number, dialStatus: string | undefined, fx: DialerFixture, seconds = 20): OriginateResult {
  const startedAt = fx.deps.now();
  return { answered: false, cause, dialStatus, startedAt, endedAt: new Date(startedAt.getTime() + seconds * 1000) };
}

/** The cardholder answered; `pay` decides whether the call script got the order paid. */
export async function answered(req: OriginateRequest, fx: DialerFixture, pay: boolean, seconds = 90): Promise<OriginateResult> {
  const startedAt = fx.deps.now();
  const status = pay ? 'paid' : 'abandoned';
  await fx.deps
    .db('orders')
    .where({ id: req.orderId })
    .update(pay ? { status, pay_code: null } : { status });
  return { answered: true, cause: 16, dialStatus: 'ANSWER', startedAt, endedAt: new Date(startedAt.getTime() + seconds * 1000) };
}

export const REMINDERS = { maxPerOrder: 1, inboundNumber: '4008205588', signature: 'ivrpay' };

export async function dialerFixture(start = new Date('2026-03-02T02:00:00.000Z')): Promise<DialerFixture> {
  const deps = await createTestDeps(start);
  const merchant = await createMerchantService(deps).createMerchant('Acme 商城');
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  let n = 0;
  const fx: DialerFixture = {
    deps,
    orders,
    merchantId: merchant.id,
    calls: [],
    behaviour: (_req, f) => Promise.resolve(unanswered(17, 'BUSY', f)),
    inbound: 0,
    dialer: undefined as unknown as Dialer,
    newDialer: (overrides = {}) =>
      createDialer({
        store: deps.store,
        log: deps.log,
        now: deps.now,
        originator: {
          call: async (req) => {
            fx.calls.push(req);
            return fx.behaviour(req, fx);
          },
        },
        servers: () => [{ server: 'pbx-1:8088', connected: true, inbound: fx.inbound }],
        lines: { total: 30, maxOutbound: 10, reservedInbound: 5 },
        callsPerSecond: 5,
        ringTimeoutSec: 30,
        dialRules: { homeAreaCode: '010', mobileNeedsZeroOutOfArea: false, segments: sampleSegmentTable() },
        reminders: REMINDERS,
        // The fake clock moves only when the pacer waits; lease renewal is driven by the tests.
        sleep: (ms) => Promise.resolve(deps.advance(ms)),
        every: () => () => undefined,
        ...overrides,
      }),
    createCallbackOrder: async (extra = {}) => {
      n += 1;
      const order = await orders.createOrder(merchant.id, {
        merchantOrderId: `CB${n}`,
        amount: 12345,
        mode: 'callback',
        phone: '13552535506',
        ...extra,
      } as never);
      return order.id;
    },
    runOnce: async (dialer = fx.dialer) => {
      await dialer.tick();
      await dialer.drain();
    },
    callback: async (orderId) => (await deps.db('callbacks').where({ order_id: orderId }).first()) as CallbackRow,
    close: () => deps.db.destroy(),
  };
  fx.dialer = fx.newDialer();
  return fx;
}

export async function smsOf(db: Knex, orderId: string): Promise<{ to: string; text: string; status: string }[]> {
  return db('sms').where({ order_id: orderId });
}
