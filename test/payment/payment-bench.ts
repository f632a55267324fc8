import { Writable } from 'node:stream';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import type { AcpAcquirerOptions } from '../../src/acquirer/acp/acp-acquirer';
import type { CardData } from '../../src/call/card-data';
import type { PaymentResult } from '../../src/call/payment-result';
import type { PendingPayment } from '../../src/call/pending-payment';
import type { SandboxServerOptions } from '../../sandbox-acquirer/sandbox-server/sandbox-server';
import { findTestCard, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { createApp } from '../../src/http/create-app';
import { startHttpServer, type RunningHttpServer } from '../../src/http/start-http-server';
import { createLogger, type Logger } from '../../src/log/logger';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import type { PaymentAttemptRow } from '../../src/store/payment-rows';
import { createPaymentNotifications, type PaymentNotifications } from '../../src/payment/payment-notifications';
import { createPaymentRecovery, type PaymentRecovery } from '../../src/payment/payment-recovery';
import { createPaymentService, type PaymentService } from '../../src/payment/payment-service';
import { openDb, type Knex } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { createStore, type Store } from '../../src/store/store';
import { createRefundNotifications } from '../../src/refund/refund-notifications';
import { createRefundService, type RefundService } from '../../src/refund/refund-service';
import { createRefundSettler, type RefundSettler } from '../../src/refund/refund-settler';
import { startHarness, type Harness } from '../acquirer/acp-harness';
import { testOutputFile } from '../helpers/test-output';
import { testCardFingerprint } from '../helpers/test-fingerprint';

/** Short waits before each query, so a test runs the whole schedule in well under a second. */
export const FAST_QUERIES = [20, 20, 20, 20, 20, 20];

export interface BenchOptions {
  server?: Partial<SandboxServerOptions>;
  adapter?: Partial<AcpAcquirerOptions>;
  callerWaitMs?: number;
  queryDelaysMs?: readonly number[];
  /** A file under data/test-output (WAL, several connections); default in memory. */
  dbName?: string;
  /** Waits before each query of a refund; queryDelaysMs unless given. */
  refundQueryDelaysMs?: readonly number[];
}

/**
 * The money path over real parts: the sandbox acquirer server over HTTP (ACP messages, signatures,
 * encrypted card fields), the ACP adapter, the SQLite store, the payment service, the recovery and
 * the notification endpoint of the merchant API app, whose URL is the adapter's backUrl.
 */
export interface Bench {
  h: Harness;
  db: Knex;
  /** The repositories over `db`, as the services have them. */
  store: Store;
  log: Logger;
  logText(): string;
  orders: OrderService;
  merchantId: string;
  payments: PaymentService;
  notifications: PaymentNotifications;
  recovery: PaymentRecovery;
  /** Refunds through the same adapter; the notification endpoint hands their notifications to them. */
  refunds: RefundService;
  refundSettler: RefundSettler;
  notifyUrl: string;
  /** A new order (with a merchant notify URL, so events are queued) claimed by `callId`. */
  orderInCall(callId?: string, amount?: number): Promise<{ id: string; payCode: string }>;
  card(pan: string): CardData;
  pay(orderId: string, pan: string, callId?: string): Promise<PaymentResult | PendingPayment>;
  attempts(orderId: string): Promise<PaymentAttemptRow[]>;
  /** Consumes the sandbox acquirer received for this attempt. */
  consumes(attemptId: string): number;
  /** Merchant events queued for the order. */
  events(orderId: string, type?: string): Promise<number>;
  stop(): Promise<void>;
}

let orderCount = 0;

export async function startBench(opts: BenchOptions = {}): Promise<Bench> {
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    file: testOutputFile('payment-bench.log'),
    destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }),
  });
  const db = await openDb(opts.dbName ? testOutputFile(opts.dbName) : ':memory:');
  await migrateLatest(db);
  const store = createStore(db);

  let now: () => Date = () => new Date();
  const merchants = createMerchantService({ store, log, now: () => now() });
  const orders = createOrderService({ store, log, now: () => now(), defaultExpiresSeconds: 1800 });
  const http: RunningHttpServer = await startHttpServer(
    createApp({
      merchants,
      orders,
      banks: createBankService({ store, log, now: () => now() }),
      idempotency: createIdempotencyStore({ store, log, now: () => now() }),
      rateLimitPerMinute: 1000,
      log,
      acquirerNotifications: { receive: (body) => notifications.receive(body) },
    }),
    '127.0.0.1',
    0,
  );
  const notifyUrl = `http://127.0.0.1:${http.address.port}/acquirer/notify`;
  const h = await startHarness({ server: opts.server, adapter: { backUrl: notifyUrl, ...opts.adapter } });
  now = h.clock.now;
  const deps = { store, log, now };
  const queryDelaysMs = opts.queryDelaysMs ?? FAST_QUERIES;
  const refundSettler = createRefundSettler({
    ...deps,
    acquirer: h.acquirer,
    queryDelaysMs: opts.refundQueryDelaysMs ?? queryDelaysMs,
  });
  const refunds = createRefundService({
    ...deps,
    acquirer: h.acquirer,
    settler: refundSettler,
    cutOff: '23:00',
    answerWaitMs: 0,
  });
  const notifications = createPaymentNotifications({
    ...deps,
    parse: (body) => h.acquirer.parseNotification(body),
    reversals: createRefundNotifications(deps),
  });
  const payments = createPaymentService({
    cardFingerprint: testCardFingerprint,
    ...deps,
    acquirer: h.acquirer,
    callerWaitMs: opts.callerWaitMs ?? 5000,
    queryDelaysMs,
  });
  const recovery = createPaymentRecovery({
    ...deps,
    acquirer: h.acquirer,
    busy: (orderId) => payments.busy(orderId),
    queryDelaysMs,
  });
  const merchantId = (await merchants.createMerchant('Bench')).id;

  const bench: Bench = {
    h,
    db,
    store,
    log,
    logText: () => lines.join(''),
    orders,
    merchantId,
    payments,
    notifications,
    recovery,
    refunds,
    refundSettler,
    notifyUrl,
    async orderInCall(callId = 'call-1', amount = 4599) {
      orderCount += 1;
      const order = await orders.createOrder(merchantId, {
        merchantOrderId: `B${orderCount}`,
        amount,
        notifyUrl: 'https://merchant.example/hook',
      });
      const claim = await orders.claimByPayCode(order.payCode as string, callId);
      if (!claim.ok) throw new Error(`claim failed: ${claim.reason}`);
      return { id: order.id, payCode: order.payCode as string };
    },
    card(pan) {
      const kind = findTestCard(pan)?.kind ?? 'debit';
      return kind === 'debit' ? { pan, kind, pin: TEST_PIN } : { pan, kind, cvn2: TEST_CVN2, expiryMmyy: TEST_EXPIRY_MMYY };
    },
    pay(orderId, pan, callId = 'call-1') {
      const holder = { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile };
      return payments.pay({ orderId, callId, card: bench.card(pan), bankCode: findTestCard(pan)?.bankCode ?? 'pab', holder });
    },
    async attempts(orderId) {
      const rows: PaymentAttemptRow[] = await db('payment_attempts').where({ order_id: orderId }).orderBy('created_at');
      return rows;
    },
    consumes: (attemptId) => h.server.stats().consumesByOrderId[acpOrderIdOf(attemptId)] ?? 0,
    async events(orderId, type) {
      const rows: unknown[] = await db('notifications').where({ order_id: orderId, ...(type ? { type } : {}) });
      return rows.length;
    },
    async stop() {
      await payments.stop();
      await refundSettler.stop();
      await h.stop();
      await http.close();
      await db.destroy();
    },
  };
  return bench;
}

/** Polls until `check` holds (background settling), at most ~2 s. */
export async function eventually(check: () => Promise<boolean>, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
