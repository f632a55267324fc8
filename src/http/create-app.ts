import express from 'express';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import type { BankService } from '../services/bank-service';
import type { MerchantService } from '../services/merchant-service';
import type { OrderService } from '../services/order-service';
import { errorMiddleware } from './error-middleware';
import { merchantAuth } from './merchant-auth';
import { requestLog } from './request-log';
import { banksRouter } from './routes/banks';
import { ordersRouter } from './routes/orders';

export interface AppDeps {
  merchants: Pick<MerchantService, 'authenticate'>;
  orders: Pick<OrderService, 'createOrder' | 'getOrder'>;
  banks: Pick<BankService, 'listBanks'>;
  log: Logger;
}

/** The merchant API (v1). */
export function createApp(deps: AppDeps): express.Application {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.log));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const v1 = express.Router();
  // Authenticate before reading the body: an anonymous caller gets nothing parsed.
  v1.use(merchantAuth(deps.merchants));
  v1.use(express.json({ limit: '16kb' }));
  v1.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  v1.use('/orders', ordersRouter(deps.orders));
  v1.use('/banks', banksRouter(deps.banks));
  app.use('/v1', v1);

  app.use(() => {
    throw new AppError('not_found', 'no such endpoint');
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
