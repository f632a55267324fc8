import { createHash } from 'node:crypto';
import type { Merchant, MerchantService } from './merchant-service';

type Authenticate = Pick<MerchantService, 'authenticate'>;

/** How long a merchant found by its API key is reused: a key rotated or revoked by the admin CLI stops working within this. */
export const API_KEY_CACHE_MS = 2_000;
const MAX_ENTRIES = 1_000;

/**
 * The merchant API looks the key up on every request; remembering a found key for two seconds took
 * one of the few statements left in an order creation away (bench:api). Only keys that were found are
 * kept, so unknown keys (limited per IP by the failed-auth rate limit) cannot fill it; entries are
 * keyed by the key's hash, not the key.
 */
export function cachedAuthentication(merchants: Authenticate, now: () => number = Date.now): Authenticate {
  const found = new Map<string, { merchant: Merchant; until: number }>();
  return {
    async authenticate(apiKey) {
      if (typeof apiKey !== 'string') return undefined;
      const hash = createHash('sha256').update(apiKey, 'utf8').digest('base64');
      const hit = found.get(hash);
      if (hit && hit.until > now()) return hit.merchant;
      const merchant = await merchants.authenticate(apiKey);
      if (!merchant) {
        found.delete(hash);
        return undefined;
      }
      if (found.size >= MAX_ENTRIES) found.clear();
      found.set(hash, { merchant, until: now() + API_KEY_CACHE_MS });
      return merchant;
    },
  };
}
