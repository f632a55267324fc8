/**
 * bench:api's measured process, one of three kinds (argv[2]):
 *   service  the merchant API as src/service.ts wires it (createApp over the real services, SQLite
 *            in WAL mode in a temp folder, SQLITE_SYNCHRONOUS from the environment), without the
 *            Stasis app and the acquirer, which the API does not use; one merchant, orders to read back.
 *   stub     the same HTTP layer over an in-memory stand-in for the store (stub-store.ts).
 *   bare     the baseline: a bare Express app answering the same JSON, no middleware but the body parser.
 * It listens on 127.0.0.1, port 0, and says where over IPC; autocannon runs in the parent.
 * With DATABASE_URL (bench:api --store postgres) the service runs on PostgreSQL in the schema BENCH_PG_SCHEMA,
 * migrated by the driver, with the rate limits counted in the store as src/service.ts does there; argv[4] `join`
 * makes a second process on that store, which the first one seeded (one merchant, its orders), so seeds nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../../../src/config/config';
import { resolveSecretsKeys } from '../../../src/config/secrets-key';
import { createApp } from '../../../src/http/create-app';
import { startHttpServer } from '../../../src/http/start-http-server';
import { createLogger } from '../../../src/log/logger';
import { createSecretBox } from '../../../src/notify/secret-box';
import { createBankService } from '../../../src/services/bank-service';
import { cachedAuthentication } from '../../../src/services/cached-authentication';
import { createIdempotencyStore } from '../../../src/services/idempotency-store';
import { createMerchantService } from '../../../src/services/merchant-service';
import { createOrderService } from '../../../src/order/order-service';
import { openDb, type Knex } from '../../../src/store/db';
import { createStore } from '../../../src/store/store';
import { migrateLatest } from '../../../src/store/migrate';
import { openPostgres } from '../../../src/store/postgres-connection';
import { announceFailure, announceReady, serveRequests } from '../lib/worker-rpc';
import { stubIdempotency, stubOrders } from './stub-store';

export interface ApiWorkerReady {
  pid: number;
  port: number;
  /** service: the merchant's key and orders to GET. */
  apiKey?: string;
  orderIds?: string[];
}

/** What both answer: an order as the API shows it, so the two send bodies of the same size. */
export const SAMPLE_ORDER = {
  id: 'ord_0123456789abcdef0123',
  merchantOrderId: 'BENCH-1',
  amount: 12345,
  currency: 'CNY',
  description: '',
  mode: 'inbound',
  status: 'created',
  payCode: '583920',
  expiresAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  attempts: [],
};

async function startBare(): Promise<ApiWorkerReady & { close: () => Promise<void> }> {
  const app = express();
  app.post('/echo', express.json(), (req, res) => {
    res.status(201).json({ ...SAMPLE_ORDER, ...req.body });
  });
  app.get('/echo/:id', (req, res) => {
    res.json({ ...SAMPLE_ORDER, id: req.params.id });
  });
  const http = await startHttpServer(app, '127.0.0.1', 0);
  return { pid: process.pid, port: http.address.port, close: () => http.close() };
}

/** SQLite in a temp folder of its own, or the driver's PostgreSQL schema; `remove` deletes the temp folder. */
async function openBenchStore(config: ReturnType<typeof loadConfig>): Promise<{ db: Knex; remove: () => void }> {
  if (config.database.kind === 'postgres') {
    const db = await openPostgres(config.database.url, { searchPath: process.env.BENCH_PG_SCHEMA });
    return { db, remove: () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-bench-api-'));
  const db = await openDb(path.join(dir, 'bench.sqlite'), { synchronous: config.sqliteSynchronous });
  await migrateLatest(db);
  return { db, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function startApi(
  ordersToRead: number,
  storeStubbed: boolean,
  join: boolean,
): Promise<ApiWorkerReady & { close: () => Promise<void> }> {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.log.level });
  const { db, remove } = await openBenchStore(config);
  const deps = { store: createStore(db, { groupCommit: true }), now: () => new Date(), log };
  const merchants = createMerchantService({ ...deps, secretBox: createSecretBox(resolveSecretsKeys(config)) });
  const orders = storeStubbed
    ? stubOrders(deps.now)
    : createOrderService({ ...deps, defaultExpiresSeconds: config.orderExpiresSeconds });
  const app = createApp({
    merchants: cachedAuthentication(merchants),
    orders,
    banks: createBankService(deps),
    idempotency: storeStubbed ? stubIdempotency : createIdempotencyStore(deps),
    rateLimitPerMinute: config.http.rateLimitPerMinute,
    // BENCH_RATE_LIMITS=memory (bench:api --rate-limits memory): each process counts alone, to show what sharing costs.
    ...(config.database.kind === 'postgres' && process.env.BENCH_RATE_LIMITS !== 'memory'
      ? { rateLimitCounter: deps.store.rateLimits }
      : {}),
    log,
    now: deps.now,
  });
  const http = await startHttpServer(app, '127.0.0.1', 0);
  const merchant = join ? undefined : await merchants.createMerchant('bench:api');
  const orderIds: string[] = [];
  for (let i = 0; merchant && i < ordersToRead; i++) {
    const order = await orders.createOrder(merchant.id, {
      merchantOrderId: `READ-${i}`,
      amount: 12345,
      currency: 'CNY',
      mode: 'inbound',
    });
    orderIds.push(order.id);
  }
  return {
    pid: process.pid,
    port: http.address.port,
    ...(merchant ? { apiKey: merchant.apiKey, orderIds } : {}),
    close: async () => {
      await http.close();
      // autocannon drops its connections at the end: let the requests they left finish with the store.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await db.destroy();
      remove();
    },
  };
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  const server =
    kind === 'bare'
      ? await startBare()
      : await startApi(Number(process.argv[3] ?? 1000), kind === 'stub', process.argv[4] === 'join');
  serveRequests({
    cpu: () => {
      const used = process.cpuUsage();
      return used.user + used.system;
    },
    stop: async () => {
      await server.close();
      setImmediate(() => process.exit(0));
    },
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  const { close: _close, ...ready } = server;
  announceReady(ready);
}

main().catch((err: unknown) => {
  announceFailure(err);
  process.exit(1);
});
