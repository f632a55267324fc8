import { AppError } from '../domain/app-error';
import type { CallbackRow, CallbackState } from '../store/callback-rows';
import { expireOrders } from '../order/order-expiry';
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

type ListedRow = CallbackRow & { merchant_id: string };

function toItem(row: ListedRow): CallbackListItem {
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
  const { db } = deps;
  const listed = () =>
    db('callbacks').join('orders', 'orders.id', 'callbacks.order_id').select('callbacks.*', 'orders.merchant_id');

  async function find(orderId: string): Promise<ListedRow> {
    const row: ListedRow | undefined = await listed().where('callbacks.order_id', orderId).first();
    if (!row) throw new AppError('not_found', `no callback for order ${orderId}`);
    return row;
  }

  async function retryNow(orderId: string): Promise<CallbackListItem> {
    const row = await find(orderId);
    if (row.state === 'dialing') throw new AppError('conflict', 'a call to this cardholder is in progress');
    const now = deps.now();
    await expireOrders(db, now, { id: orderId });
    const order: { status: OrderStatus } = await db('orders').where({ id: orderId }).first('status');
    if (!PAYABLE_STATUSES.includes(order.status)) {
      throw new AppError('order_not_payable', `the order is ${order.status}: there is nothing to call about`);
    }
    // Conditional on the state read above, so a dialer claiming the row meanwhile wins cleanly.
    const count = await db('callbacks').where({ order_id: orderId, state: row.state }).update({
      state: 'scheduled',
      next_call_at: now.toISOString(),
      locked_until: null,
      lease_token: null,
      updated_at: now.toISOString(),
    });
    if (count === 0) throw new AppError('conflict', 'the callback changed meanwhile; try again');
    deps.log.info({ orderId }, 'callback retry requested');
    return toItem(await find(orderId));
  }

  return {
    async listCallbacks(filter = {}) {
      const query = listed()
        .orderBy('callbacks.next_call_at')
        .orderBy('callbacks.id')
        .limit(filter.limit ?? 100);
      if (filter.state !== undefined) query.where('callbacks.state', filter.state);
      if (filter.failed) query.where('callbacks.state', 'unreachable');
      if (filter.due) query.where('callbacks.state', 'scheduled').where('callbacks.next_call_at', '<=', deps.now().toISOString());
      return (await query).map(toItem);
    },

    retryNow,

    async retryAllFailed(progress) {
      const orderIds: string[] = await db('callbacks').where({ state: 'unreachable' }).orderBy('updated_at').pluck('order_id');
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
      const now = deps.now().toISOString();
      // Clearing the lease makes a call in progress record only its attempt, not a new schedule.
      await db('callbacks')
        .where({ order_id: orderId })
        .whereNot({ state: 'done' })
        .update({ state: 'cancelled', locked_until: null, lease_token: null, updated_at: now });
      deps.log.info({ orderId }, 'callback cancelled');
      return toItem(await find(orderId));
    },
  };
}
