import type { Application } from 'express';
import { createApp } from '../../src/http/create-app';
import { createOrderService } from '../../src/order/order-service';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService } from '../../src/services/merchant-service';
import type { ConsoleFixture } from './console-fixture';

/** The HTTP app as the service builds it, serving the fixture's console (for supertest and the browser test). */
export function consoleApp(f: ConsoleFixture): Application {
  return createApp({
    merchants: createMerchantService(f.deps),
    orders: createOrderService({ ...f.deps, defaultExpiresSeconds: 1800 }),
    banks: createBankService(f.deps),
    idempotency: createIdempotencyStore(f.deps),
    rateLimitPerMinute: 1000,
    log: f.deps.log,
    console: f.console,
  });
}
