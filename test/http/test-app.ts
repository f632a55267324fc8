import type { Application } from 'express';
import { createApp, type AppDeps } from '../../src/http/create-app';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

export interface TestApp {
  deps: TestDeps;
  app: Application;
  merchants: MerchantService;
  orders: OrderService;
  /** Two merchants, A and B, with their keys. */
  a: { id: string; key: string };
  b: { id: string; key: string };
}

export interface TestAppOptions {
  app?: Partial<AppDeps>;
  /** Stands between the routes and the real order service (to hold or observe calls). */
  wrapOrders?: (orders: OrderService) => AppDeps['orders'];
}

/** The merchant API over real services and a fresh in-memory store; destroy `deps.db` after. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const deps = await createTestDeps();
  const merchants = createMerchantService(deps);
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const app = createApp({
    merchants,
    orders: opts.wrapOrders ? opts.wrapOrders(orders) : orders,
    banks: createBankService(deps),
    idempotency: createIdempotencyStore(deps),
    rateLimitPerMinute: 1000,
    log: deps.log,
    now: deps.now,
    ...opts.app,
  });
  const a = await merchants.createMerchant('Acme');
  const b = await merchants.createMerchant('Other');
  return { deps, app, merchants, orders, a: { id: a.id, key: a.apiKey }, b: { id: b.id, key: b.apiKey } };
}
