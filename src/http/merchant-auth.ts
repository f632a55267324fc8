import type { RequestHandler, Response } from 'express';
import { AppError } from '../domain/app-error';
import type { Merchant, MerchantService } from '../services/merchant-service';

/** Accepts `Authorization: Bearer <apiKey>` and keeps the merchant for the route; 401 otherwise. */
export function merchantAuth(merchants: Pick<MerchantService, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    const merchant = match ? await merchants.authenticate(match[1]) : undefined;
    if (!merchant) throw new AppError('unauthorized', 'a valid API key is required (Authorization: Bearer <key>)');
    res.locals.merchant = merchant;
    next();
  };
}

export function currentMerchant(res: Response): Merchant {
  const merchant = res.locals.merchant as Merchant | undefined;
  if (!merchant) throw new AppError('unauthorized', 'a valid API key is required');
  return merchant;
}
