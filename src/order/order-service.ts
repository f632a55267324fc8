import { AppError } from '../domain/app-error';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import { newId } from '../store/new-id';
import type { OrderRow } from '../store/rows';
import type { Repositories } from '../store/store';
import { isUniqueViolation } from '../store/unique-violation';
import { createCallOrders, type CallOrders, type CallOrdersDeps } from './call-orders';
import { callbackViews, insertCallback, planCallback, type CallbackPlan } from '../callback/callback-order';
import { toCallbackView } from '../callback/callback-view';
import { type NewOrderInput, newOrderSchema } from './new-order-schema';
import { expireOrders, isPastExpiry } from '../services/order-expiry';
import { type OrderMode, type OrderStatus, PAYABLE_STATUSES } from '../domain/order-status';
import { type OrderView, toOrderView } from './order-view';
import { parseInput } from '../domain/parse-input';
import { newPayCode } from './pay-code';

export type AdminOrderView = OrderView & { merchantId: string };

export interface OrderListFilter {
  merchantId?: string;
  status?: OrderStatus;
  mode?: OrderMode;
  /** Callback orders to this phone (national form, as stored). */
  phone?: string;
  /** Newest first; 100 unless given. */
  limit?: number;
}

/**
 * Writes the API's answer (the order's view) with `on`, the unit of work storing the order, when that is a
 * transaction of its own: PostgreSQL, or a callback order. SQLite's shared group commit keeps its single statement
 * (an embedded store's commit cannot lose its acknowledgement on the way back).
 */
export type KeepAnswer = (on: Repositories, view: OrderView) => Promise<void>;

/** With the order side of payment calls (src/order/call-orders.ts). */
export interface OrderService extends CallOrders {
  /** Validates the merchant's input (`validation_failed` with fields) and gives the order a unique pay code. */
  createOrder(merchantId: string, input: NewOrderInput, keepAnswer?: KeepAnswer): Promise<OrderView>;
  /** `not_found` also when the order belongs to another merchant. */
  getOrder(merchantId: string, id: string): Promise<OrderView>;
  /** A payable order becomes `cancelled` and loses its pay code; `order_not_payable` otherwise, `not_found` for another merchant's. */
  cancelOrder(merchantId: string, id: string): Promise<OrderView>;
  /** Admin: any merchant's order. */
  findOrder(id: string): Promise<AdminOrderView | undefined>;
  listOrders(filter?: OrderListFilter): Promise<AdminOrderView[]>;
  /** Expires every payable order past its expiry; returns how many. */
  expireDue(at?: Date): Promise<number>;
}

export interface OrderServiceDeps extends CallOrdersDeps {
  /** Used when the merchant gives no `expiresInSeconds`. */
  defaultExpiresSeconds: number;
  /** Callback orders without `expiresInSeconds` live this long (long enough for the redials); 1 day unless given. */
  callbackExpiresSeconds?: number;
  /** Tests inject collisions; the default is random. */
  newPayCode?: () => string;
}

const PAY_CODE_TRIES = 10;

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const { store } = deps;
  const nextPayCode = deps.newPayCode ?? newPayCode;

  /**
   * Each try is one statement, or one transaction with the callback row when there is one: a code
   * collision rolls both back. Returns the order's view as stored, built from what was written, so once the
   * commit is acknowledged nothing else can fail: an error (a store gone, issue 12) means nothing was stored.
   */
  async function insertWithFreshPayCode(
    row: Omit<OrderRow, 'pay_code'>,
    callback?: CallbackPlan,
    keepAnswer?: KeepAnswer,
  ): Promise<OrderView> {
    for (let tries = 1; ; tries++) {
      const stored: OrderRow = { ...row, pay_code: nextPayCode() };
      try {
        if (!callback && (!keepAnswer || store.sharesCommits)) {
          await store.groupWrite((on) => on.orders.insert(stored));
          return toOrderView(stored, []);
        }
        return await store.transaction(async (tx) => {
          await tx.orders.insert(stored);
          const dialling = callback && (await insertCallback(tx, row.id, callback, new Date(row.created_at)));
          const view = toOrderView(stored, [], dialling && toCallbackView(dialling, []));
          await keepAnswer?.(tx, view);
          return view;
        });
      } catch (err) {
        if (isUniqueViolation(err, 'merchant_order_id')) {
          throw new AppError('conflict', 'an order with this merchantOrderId already exists', {
            merchantOrderId: 'already used by another order of this merchant',
          });
        }
        if (!isUniqueViolation(err, 'pay_code')) throw err;
        if (tries === PAY_CODE_TRIES) throw new AppError('unavailable', 'no free pay code; try again later');
      }
    }
  }

  async function withAttempts(rows: OrderRow[]): Promise<AdminOrderView[]> {
    const attempts = await store.orderAttempts.listForOrders(rows.map((r) => r.id));
    const refunds = await store.refunds.listForOrders(rows.filter((r) => r.status === 'paid').map((r) => r.id));
    const callbacks = await callbackViews(
      store,
      rows.filter((r) => r.mode === 'callback').map((r) => r.id),
    );
    return rows.map((row) => ({
      ...toOrderView(
        row,
        attempts.filter((a) => a.order_id === row.id),
        callbacks.get(row.id),
        refunds.filter((r) => r.order_id === row.id),
      ),
      merchantId: row.merchant_id,
    }));
  }

  async function readOrder(id: string, merchantId?: string): Promise<AdminOrderView | undefined> {
    let row = await store.orders.find(id, merchantId);
    // Lazy expiry: an order past its time reads, and is stored, as expired even before the job runs.
    // Only then is there anything to write: a write transaction on every read cost the API half its
    // GET throughput (bench:api).
    if (row && isPastExpiry(row, deps.now())) {
      await expireOrders(store, deps.now(), { id });
      row = await store.orders.find(id, merchantId);
    }
    return row ? (await withAttempts([row]))[0] : undefined;
  }

  async function getOrder(merchantId: string, id: string): Promise<OrderView> {
    const order = await readOrder(id, merchantId);
    if (!order) throw new AppError('not_found', 'order not found');
    const { merchantId: _owner, ...view } = order;
    return view;
  }

  return {
    ...createCallOrders(deps),

    async createOrder(merchantId, input, keepAnswer) {
      const order = parseInput(newOrderSchema, input);
      const now = deps.now();
      const defaultExpires = order.mode === 'callback' ? (deps.callbackExpiresSeconds ?? 86_400) : deps.defaultExpiresSeconds;
      const expiresAt = new Date(now.getTime() + (order.expiresInSeconds ?? defaultExpires) * 1000);
      const callback = order.mode === 'callback' ? await planCallback(store, merchantId, order, now, expiresAt) : undefined;
      const id = newId('ord');
      const view = await insertWithFreshPayCode(
        {
          id,
          merchant_id: merchantId,
          merchant_order_id: order.merchantOrderId,
          amount: order.amount,
          currency: order.currency,
          description: order.description,
          mode: order.mode,
          status: 'created',
          spent_pay_code: null,
          expires_at: expiresAt.toISOString(),
          card_masked: null,
          card_bank: null,
          card_kind: null,
          card_fingerprint: null,
          decline_reason: null,
          acquirer_ref: null,
          refund_reserved: 0,
          refunded_amount: 0,
          in_call_id: null,
          in_call_node: null,
          notify_url: order.notifyUrl ?? null,
          language: order.language ?? null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        },
        callback,
        keepAnswer,
      );
      deps.log.info({ orderId: id, merchantId, amount: order.amount, mode: order.mode }, 'order created');
      return view;
    },

    getOrder,

    async cancelOrder(merchantId, id) {
      await getOrder(merchantId, id); // not_found, and lazy expiry, first
      const now = deps.now();
      const nowIso = now.toISOString();
      // Conditional on the status, so a caller claiming the order at the same moment wins or loses cleanly.
      const cancelled = await store.transaction(async (tx) => {
        // Money may already have moved: an order with an unresolved payment is not cancelled (the payment
        // settles first, then the order is paid or cancellable).
        if (!(await tx.orders.cancel(id, merchantId, nowIso))) return false;
        // The merchant's event commits with the cancellation (src/notify/enqueue-order-event.ts).
        await enqueueOrderEvent(tx, id, 'order.cancelled', now);
        // No more calls about it; a call in progress is left to end (the dialer then finds the order cancelled).
        await tx.callbacks.cancelWaiting(id, nowIso);
        return true;
      });
      if (!cancelled) {
        const { status } = await getOrder(merchantId, id);
        if ((PAYABLE_STATUSES as readonly string[]).includes(status) && (await store.paymentAttempts.hasUnresolved(id))) {
          throw new AppError(
            'order_not_payable',
            'a payment for this order is still being confirmed with the bank; retry once it has settled',
          );
        }
        throw new AppError('order_not_payable', `the order is ${status} and can no longer be cancelled`);
      }
      deps.log.info({ orderId: id, merchantId }, 'order cancelled');
      return getOrder(merchantId, id);
    },

    findOrder: (id) => readOrder(id),

    async listOrders(filter = {}) {
      await expireOrders(store, deps.now());
      return withAttempts(await store.orders.list({ ...filter, limit: filter.limit ?? 100 }));
    },

    async expireDue(at = deps.now()) {
      const count = await expireOrders(store, at);
      if (count > 0) deps.log.info({ count }, 'orders expired');
      return count;
    },
  };
}
