import { Router } from 'express';
import { AppError } from '../../domain/app-error';
import type { NewRefundInput } from '../../refund/new-refund-schema';
import type { RefundService } from '../../refund/refund-service';
import { IDEMPOTENCY_HEADER } from '../idempotency';
import { currentMerchant } from '../merchant-auth';

/** `POST /v1/orders/:id/refunds`; the service scopes to the merchant. */
export function refundsRouter(refunds: Pick<RefundService, 'createRefund'>): Router {
  const router = Router();

  router.post('/:id/refunds', async (req, res) => {
    // Money goes out: a retry without a key could refund twice, so the key is required here (optional elsewhere).
    if (req.get(IDEMPOTENCY_HEADER) === undefined) {
      throw new AppError('validation_failed', 'the request has invalid fields', {
        [IDEMPOTENCY_HEADER]: 'is required for refunds: a unique key per refund (a UUID)',
      });
    }
    const { id } = req.params;
    // The service validates the body with newRefundSchema, the schema the OpenAPI document shows.
    const refund = await refunds.createRefund(currentMerchant(res).id, id, req.body as NewRefundInput);
    res.status(201).location(`/v1/orders/${id}`).json(refund);
  });

  return router;
}
