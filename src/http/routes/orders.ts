import { Router } from 'express';
import { parseInput } from '../../domain/parse-input';
import type { NewOrderInput } from '../../order/new-order-schema';
import type { OrderService } from '../../order/order-service';
import { cancelOrderSchema } from '../api-schemas';
import { allOrNothing, answerKeeper } from '../idempotency';
import { currentMerchant } from '../merchant-auth';

/** `POST /v1/orders`, `GET /v1/orders/:id`, `POST /v1/orders/:id/cancel`; the service scopes to the merchant. */
export function ordersRouter(orders: Pick<OrderService, 'createOrder' | 'getOrder' | 'cancelOrder'>): Router {
  const router = Router();

  // The service validates the body with newOrderSchema, the schema the OpenAPI document shows: unchecked until then.
  router.post('/', async (req, res) => {
    // One insert, or one transaction with the callback row, and the answer built from the rows written (order-service).
    allOrNothing(res);
    const keeper = answerKeeper(res);
    const order = await orders.createOrder(
      currentMerchant(res).id,
      req.body as NewOrderInput,
      keeper && ((on, view) => keeper(on, 201, view)),
    );
    res.status(201).location(`/v1/orders/${order.id}`).json(order);
  });

  router.get('/:id', async (req, res) => {
    res.json(await orders.getOrder(currentMerchant(res).id, req.params.id));
  });

  router.post('/:id/cancel', async (req, res) => {
    parseInput(cancelOrderSchema, req.body ?? {});
    res.json(await orders.cancelOrder(currentMerchant(res).id, req.params.id));
  });

  return router;
}
