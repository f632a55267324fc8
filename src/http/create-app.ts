import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import type { BankService } from '../services/bank-service';
import type { IdempotencyStore } from '../services/idempotency-store';
import type { MerchantService } from '../services/merchant-service';
import type { OrderService } from '../order/order-service';
import type { RefundService } from '../refund/refund-service';
import { apiDocsRouter } from './api-docs';
import { agentRouter, type AgentPageDeps } from './agent/agent-router';
import { consoleRouter, type ConsoleDeps } from './console/console-router';
import { errorMiddleware } from './error-middleware';
import { idempotency } from './idempotency';
import { merchantAuth } from './merchant-auth';
import { failedAuthRateLimit, merchantRateLimit } from './rate-limits';
import { SharedRateLimitStore, type RateCounter } from './shared-rate-limit-store';
import { keepRawBody } from './raw-body';
import { requestLog } from './request-log';
import { requestSignature } from './request-signature';
import { acquirerNotifyRouter, type AcquirerNotificationReceiver } from './routes/acquirer-notify';
import { banksRouter } from './routes/banks';
import { healthRouter, type HealthSource } from './routes/health';
import { ordersRouter } from './routes/orders';
import { settlementsRouter } from './routes/settlements';
import type { SettlementService } from '../settlement/settlement-service';
import { refundsRouter } from './routes/refunds';
import { agentCaptureRouter } from './routes/agent-capture';
import type { AgentDesk } from '../agent-assist/agent-desk';

export interface AppDeps {
  merchants: Pick<MerchantService, 'authenticate'>;
  orders: Pick<OrderService, 'createOrder' | 'getOrder' | 'cancelOrder'>;
  /** Refunds of paid orders (POST /v1/orders/:id/refunds); not mounted when absent. */
  refunds?: Pick<RefundService, 'createRefund'>;
  banks: Pick<BankService, 'listBanks'>;
  idempotency: IdempotencyStore;
  /** Requests a minute per merchant, and refused keys a minute per client IP (config API_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /** Counts shared by the nodes of one store (PostgreSQL); each process counts its own without it. */
  rateLimitCounter?: RateCounter;
  log: Logger;
  /** The clock request signatures are checked against; the system clock unless given. */
  now?: () => Date;
  /** Settlement statements (GET /v1/settlements…); not mounted when absent. */
  settlements?: Pick<SettlementService, 'list' | 'statement'>;
  /** The acquirer's result notifications (POST /acquirer/notify); not mounted when absent. */
  acquirerNotifications?: AcquirerNotificationReceiver;
  /** GET /readyz (src/health/readiness.ts); only /healthz when absent. */
  readiness?: HealthSource;
  /** The operator console (/console); not mounted when absent. */
  console?: ConsoleDeps;
  /** The agent page (/agent, agent-assisted payments); not mounted when absent (no agent desk). */
  agent?: AgentPageDeps;
  /** Agent-assisted captures (POST /v1/orders/:id/agent-capture); not mounted when absent. */
  agentDesk?: Pick<AgentDesk, 'startCapture'>;
}

export const BODY_LIMIT = '16kb';

/** The merchant API (v1), its OpenAPI document (`/openapi.json`) and its docs page (`/docs`). */
export function createApp(deps: AppDeps): express.Application {
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  // The API serves plain HTTP on loopback by default; Safari would "upgrade" /docs' own files to https and fail.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(requestLog(deps.log));

  app.use(healthRouter(deps.readiness));
  app.use(apiDocsRouter());
  if (deps.acquirerNotifications) app.use('/acquirer', acquirerNotifyRouter(deps.acquirerNotifications));
  if (deps.console) app.use('/console', consoleRouter(deps.console));
  if (deps.agent) app.use('/agent', agentRouter(deps.agent));

  const v1 = express.Router();
  const shared = (prefix: string) =>
    deps.rateLimitCounter ? new SharedRateLimitStore(deps.rateLimitCounter, prefix) : undefined;
  v1.use(failedAuthRateLimit(deps.rateLimitPerMinute, shared('refused-key:')));
  // Authenticate before reading the body: an anonymous caller gets nothing parsed.
  v1.use(merchantAuth(deps.merchants));
  // Rate limit before idempotency (as Stripe): a replay counts as a request.
  v1.use(merchantRateLimit(deps.rateLimitPerMinute, shared('merchant-api:')));
  v1.use(express.json({ limit: BODY_LIMIT, verify: keepRawBody }));
  v1.use(requestSignature(now));
  v1.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  v1.use(idempotency(deps.idempotency, deps.log));
  // Mounted at /orders with the route /:id/refunds, so the request log gets the pattern: a mount path with a
  // parameter leaves the raw path in req.baseUrl (a card number keyed into the URL was logged; found by fuzzing).
  if (deps.refunds) v1.use('/orders', refundsRouter(deps.refunds));
  if (deps.agentDesk) v1.use('/orders', agentCaptureRouter(deps.agentDesk));
  v1.use('/orders', ordersRouter(deps.orders));
  v1.use('/banks', banksRouter(deps.banks));
  if (deps.settlements) v1.use('/settlements', settlementsRouter(deps.settlements));
  app.use('/v1', v1);

  app.use(() => {
    throw new AppError('not_found', 'no such endpoint');
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
