import pino from 'pino';
import { createOrderService } from '../../src/order/order-service';
import { createMerchantService } from '../../src/services/merchant-service';
import type { Store } from '../../src/store/store';

/** `count` callback orders of one merchant, created at `now`, each with its scheduled callback; their ids. */
export async function seedCallbacks(store: Store, count: number, now: Date): Promise<string[]> {
  const deps = { store, log: pino({ level: 'silent' }), now: () => now };
  const merchant = await createMerchantService(deps).createMerchant('Acme');
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      (await orders.createOrder(merchant.id, { merchantOrderId: `C${i}`, amount: 100, mode: 'callback', phone: '13552535506' }))
        .id,
    );
  }
  return ids;
}
