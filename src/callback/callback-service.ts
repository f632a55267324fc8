import { AppError } from '../domain/app-error';
import type { CallbackState } from '../store/callback-rows';
import type { ListedCallbackRow } from '../store/repositories/callback-repository';
import { expireOrders } from '../services/order-expiry';
import { PAYABLE_STATUSES, type OrderStatus } from '../domain/order-status';
import type { ServiceDeps } from '../services/service-deps';

/** A callback as the admin list shows it. */
export interface CallbackListItem {
  orderId: string;
  merchantId: string;
  phone: string;
  state: CallbackState;
  attemptsMade: number;
  nextCallAt?: string;
  lastOutcome?: string;
  updatedAt: string;
}

export interface CallbackFilter {
  /** Scheduled and due now. */
  due?: boolean;
  /** Given up: `unreachable`. */
  failed?: boolean;
  state?: CallbackState;
  /** 100 unless given. */
  limit?: number;
}

export interface BulkRetry {
  retried: number;
  /** Orders that can no longer be paid (expired, cancelled, paid), or with a call in progress. */
  skipped: number;
}

export interface CallbackService {
  listCallbacks(filter?: CallbackFilter): Promise<CallbackListItem[]>;
  /**
   * Calls again at the next dialer run (within calling hours), whatever the state but `dialing`: `not_found`,
   * `conflict` while a call is in progress, `order_not_payable` when the order can no longer be paid.
   * The attempt count goes on, so a given-up callback gets this one call (the policy has no delays left).
   */
  retryNow(orderId: string): Promise<CallbackListItem>;
  /** retryNow for every `unreachable` callback; `progress(done, total)` after each. */
  retryAllFailed(progress?: (done: number, total: number) => void): Promise<BulkRetry>;
  /** No more calls for this order (it stays payable by pay code). A call in progress is not hung up. */
  cancel(orderId: string): Promise<CallbackListItem>;
}

function toItem(row: ListedCallbackRow): CallbackListItem {
  return {
    orderId: row.order_id,
    merchantId: row.merchant_id,
    phone: row.phone,
    state: row.state,
    attemptsMade: Number(row.attempts_made),
    ...(row.state === 'scheduled' ? { nextCallAt: row.next_call_at } : {}),
    ...(row.last_outcome ? { lastOutcome: row.last_outcome } : {}),
    updatedAt: row.updated_at,
  };
}

export function createCallbackService(deps: ServiceDeps): CallbackService {
  const { store } = deps;

  async function find(orderId: string): Promise<ListedCallbackRow> {
    const row = await store.callbacks.findListed(orderId);
    if (!row) throw new AppError('not_found', `no callback for order ${orderId}`);
    return row;
  }

  async function retryNow(orderId: string): Promise<CallbackListItem> {
    const row = await find(orderId);
    if (row.state === 'dialing') throw new AppError('conflict', 'a call to this cardholder is in progress');
    const now = deps.now();
    await expireOrders(store, now, { id: orderId });
    // The callback's order, which is never deleted.
    const order = (await store.orders.status(orderId)) as { status: OrderStatus };
    if (!PAYABLE_STATUSES.includes(order.status)) {
      throw new AppError('order_not_payable', `the order is ${order.status}: there is nothing to call about`);
    }
    // Conditional on the state read above, so a dialer claiming the row meanwhile wins cleanly.
    if (!(await store.callbacks.rescheduleNow(orderId, row.state, now.toISOString())))
      throw new AppError('conflict', 'the callback changed meanwhile; try again');
    deps.log.info({ orderId }, 'callback retry requested');
    return toItem(await find(orderId));
  }

  return {
    async listCallbacks(filter = {}) {
      const rows = await store.callbacks.listListed({
        state: filter.state,
        failed: filter.failed,
        ...(filter.due ? { dueAt: deps.now().toISOString() } : {}),
        limit: filter.limit ?? 100,
      });
      return rows.map(toItem);
    },

    retryNow,

    async retryAllFailed(progress) {
      const orderIds = await store.callbacks.unreachableOrderIds();
      const result: BulkRetry = { retried: 0, skipped: 0 };
      for (const [index, orderId] of orderIds.entries()) {
        try {
          await retryNow(orderId);
          result.retried += 1;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          result.skipped += 1;
        }
        progress?.(index + 1, orderIds.length);
      }
      return result;
    },

    async cancel(orderId) {
      const row = await find(orderId);
      if (row.state === 'done') throw new AppError('order_not_payable', 'the order was paid in a callback');
      // Clearing the lease makes a call in progress record only its attempt, not a new schedule.
      await store.callbacks.cancel(orderId, deps.now().toISOString());
      deps.log.info({ orderId }, 'callback cancelled');
      return toItem(await find(orderId));
    },
  };
}
