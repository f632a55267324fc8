import { Router } from 'express';
import type { BankService } from '../../services/bank-service';

/** `GET /v1/banks`: issuer banks and whether their cards can pay now. */
export function banksRouter(banks: Pick<BankService, 'listBanks'>): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ banks: await banks.listBanks() });
  });
  return router;
}
