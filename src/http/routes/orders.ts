import { Router } from 'express';
import type { OrderService } from '../../services/order-service';
import { currentMerchant } from '../merchant-auth';

/** `POST /v1/orders` and `GET /v1/orders/:id`; the service validates (zod) and scopes to the merchant. */
export function ordersRouter(orders: Pick<OrderService, 'createOrder' | 'getOrder'>): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const order = await orders.createOrder(currentMerchant(res).id, req.body);
    res.status(201).location(`/v1/orders/${order.id}`).json(order);
  });

  router.get('/:id', async (req, res) => {
    res.json(await orders.getOrder(currentMerchant(res).id, req.params.id));
  });

  return router;
}
