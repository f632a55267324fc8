/**
 * bench:api's third server answers through the same HTTP layer (createApp, every middleware, request
 * validation) but keeps orders in a Map and claims every Idempotency-Key at once: the store's share of
 * a request is what separates it from the real API.
 */
import { AppError } from '../../../src/domain/app-error';
import type { IdempotencyStore } from '../../../src/services/idempotency-store';
import { newOrderSchema } from '../../../src/order/new-order-schema';
import type { OrderService } from '../../../src/order/order-service';
import type { OrderView } from '../../../src/order/order-view';
import { parseInput } from '../../../src/domain/parse-input';
import { newId } from '../../../src/store/new-id';

type StubOrders = Pick<OrderService, 'createOrder' | 'getOrder' | 'cancelOrder'>;

export function stubOrders(now: () => Date): StubOrders {
  const orders = new Map<string, OrderView>();
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- async turns parseInput's throw into a rejection, as in the real service
    async createOrder(_merchantId, input) {
      const order = parseInput(newOrderSchema, input);
      const at = now().toISOString();
      const view: OrderView = {
        id: newId('ord'),
        merchantOrderId: order.merchantOrderId,
        amount: order.amount,
        currency: order.currency,
        description: order.description,
        mode: order.mode,
        status: 'created',
        payCode: '583920',
        expiresAt: new Date(now().getTime() + 1800_000).toISOString(),
        createdAt: at,
        updatedAt: at,
        attempts: [],
      };
      orders.set(view.id, view);
      return view;
    },
    getOrder(_merchantId, id) {
      const view = orders.get(id);
      return view ? Promise.resolve(view) : Promise.reject(new AppError('not_found', 'order not found'));
    },
    cancelOrder() {
      return Promise.reject(new AppError('order_not_payable', 'not in the stub'));
    },
  };
}

export const stubIdempotency: IdempotencyStore = {
  claim: (merchantId, key) => Promise.resolve({ kind: 'started', lock: { merchantId, key, createdAt: '' } }),
  complete: () => Promise.resolve(),
  completeIn: () => Promise.resolve(),
  release: () => Promise.resolve(),
  purgeExpired: () => Promise.resolve(0),
};
