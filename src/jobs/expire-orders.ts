import type { OrderService } from '../order/order-service';
import type { Job } from './scheduler';

/** Every minute, orders past their expiry become `expired` and free their pay codes. */
export function expireOrdersJob(orders: Pick<OrderService, 'expireDue'>): Job {
  return {
    name: 'expire-orders',
    schedule: '* * * * *',
    run: async () => {
      await orders.expireDue();
    },
  };
}
