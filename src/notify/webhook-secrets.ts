import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/app-error';
import type { MerchantRepository } from '../store/repositories/merchant-repository';
import type { SecretBox } from './secret-box';

/** After a rotation the old secret keeps signing for this long, so the merchant can switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

const SECRET_PREFIX = 'whsec_';

/** 256 random bits; the merchant uses the whole string, prefix included, as the HMAC key. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** Binds a sealed secret to its merchant: copied to another merchant's row, it does not open. */
function context(merchantId: string): string {
  return `merchants.webhook_secret:${merchantId}`;
}

export function sealWebhookSecret(box: SecretBox, merchantId: string, secret: string): string {
  return box.seal(secret, context(merchantId));
}

export interface WebhookSecrets {
  /** A new secret (returned once); the current one becomes the previous, still signing for 24 h. */
  rotate(merchantId: string): Promise<string>;
  /** The secrets to sign with now, current first; empty when the merchant has none yet. */
  signingSecrets(merchantId: string): Promise<string[]>;
}

export function createWebhookSecrets(deps: {
  store: { merchants: MerchantRepository };
  box: SecretBox;
  now: () => Date;
}): WebhookSecrets {
  const { box } = deps;
  const { merchants } = deps.store;
  return {
    async rotate(merchantId) {
      const secret = newWebhookSecret();
      const until = new Date(deps.now().getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString();
      // One statement: the current secret moves to `previous` atomically, whoever else rotates at once.
      const rotated = await merchants.rotateWebhookSecret(merchantId, sealWebhookSecret(box, merchantId, secret), until);
      if (!rotated) throw new AppError('not_found', `merchant ${merchantId} not found`);
      return secret;
    },

    async signingSecrets(merchantId) {
      const row = await merchants.find(merchantId);
      if (!row?.webhook_secret) return [];
      const secrets = [box.open(row.webhook_secret, context(merchantId))];
      const until = row.webhook_secret_previous_until;
      if (row.webhook_secret_previous && until && until > deps.now().toISOString()) {
        secrets.push(box.open(row.webhook_secret_previous, context(merchantId)));
      }
      return secrets;
    },
  };
}
