import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { LANGUAGES, type Language } from '../domain/language';
import { createSecretBox, type SecretBox } from '../notify/secret-box';
import { createWebhookSecrets, newWebhookSecret, sealWebhookSecret } from '../notify/webhook-secrets';
import { newId } from '../store/new-id';
import type { MerchantRow } from '../store/rows';
import { type CertificateInfo, parseMerchantCertificate } from './merchant-certificate';
import { parseInput } from '../domain/parse-input';
import { parseGreetingLanguages } from './merchant-call-options';
import type { ServiceDeps } from './service-deps';

export interface Merchant {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart; never enough to use it. */
  apiKeyPrefix: string;
  requireIdNumber: boolean;
  requireMobile: boolean;
  /** The language of this merchant's calls when its order gives none; null: the service's DEFAULT_LANGUAGE. */
  language: Language | null;
  /** An inbound caller who leaves an order unpaid gets one SMS with its pay code (README, "SMS reminders"). */
  abandonedCallSms: boolean;
  /** Callers key the card number twice (`merchant set-confirm-card`). */
  confirmCard: boolean;
  /** The languages the merchant's recorded greeting exists in (`merchant set-greeting`); empty: none. */
  greetingLanguages: Language[];
  createdAt: string;
  /** PEM; when present, every API request of this merchant must be signed (X-Signature). */
  signingCertificate?: string;
}

/** A new API key, shown once; the previous key stops working at once. */
export interface RotatedApiKey {
  id: string;
  apiKey: string;
  apiKeyPrefix: string;
}

export interface NewMerchant {
  id: string;
  name: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
  /** Signs the merchant's notifications. Shown once: stored encrypted. */
  webhookSecret: string;
}

export interface MerchantService {
  createMerchant(name: string): Promise<NewMerchant>;
  /** The merchant owning this key, or undefined for an unknown or malformed key. */
  authenticate(apiKey: string): Promise<Merchant | undefined>;
  listMerchants(): Promise<Merchant[]>;
  /** A new webhook secret (shown once); the old one also signs for 24 h more. `not_found` for an unknown merchant. */
  rotateWebhookSecret(merchantId: string): Promise<{ id: string; webhookSecret: string }>;
  /** A new key replaces the old one, which fails from now on; `not_found` for an unknown merchant. */
  rotateApiKey(merchantId: string): Promise<RotatedApiKey>;
  /** Turns request signing on with this PEM certificate (validated), or off with `null`. */
  setSigningCertificate(merchantId: string, pem: string | null): Promise<CertificateInfo | undefined>;
  /** The merchant's default call language, 'zh' or 'en' (validated), or `null` for DEFAULT_LANGUAGE. */
  setLanguage(merchantId: string, language: string | null): Promise<{ id: string; language: Language | null }>;
  /** Turns the SMS to inbound callers who hang up with the order unpaid on or off; `not_found` for an unknown merchant. */
  setAbandonedCallSms(merchantId: string, on: boolean): Promise<void>;
}

const KEY_PREFIX = 'ivrpay_sk_';
const languageSchema = z.enum(LANGUAGES, { error: "must be 'zh' (Mandarin) or 'en' (English)" }).nullable();
const nameSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' });

// The key holds 256 random bits, so a fast unsalted hash cannot be reversed by guessing.
function hashKey(apiKey: string): Buffer {
  return createHash('sha256').update(apiKey, 'utf8').digest();
}

function toMerchant(row: MerchantRow): Merchant {
  return {
    id: row.id,
    name: row.name,
    apiKeyPrefix: row.api_key_prefix,
    requireIdNumber: Boolean(row.require_id_number),
    requireMobile: Boolean(row.require_mobile),
    language: row.language ?? null,
    abandonedCallSms: Boolean(row.abandoned_call_sms),
    confirmCard: Boolean(row.confirm_card),
    greetingLanguages: parseGreetingLanguages(row.greeting_languages),
    createdAt: row.created_at,
    ...(row.signing_certificate ? { signingCertificate: row.signing_certificate } : {}),
  };
}

export interface MerchantServiceDeps extends ServiceDeps {
  /** Encrypts webhook secrets (built from SECRETS_KEY). Without it, a throwaway key: for tests that never deliver. */
  secretBox?: SecretBox;
}

export function createMerchantService(deps: MerchantServiceDeps): MerchantService {
  const { merchants } = deps.store;
  const secretBox = deps.secretBox ?? createSecretBox({ current: randomBytes(32) });
  const webhookSecrets = createWebhookSecrets({ store: deps.store, box: secretBox, now: deps.now });
  return {
    async createMerchant(rawName) {
      const { name } = parseInput(z.object({ name: nameSchema }), { name: rawName });
      const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
      const merchant = { id: newId('mch'), name };
      const webhookSecret = newWebhookSecret();
      await merchants.insert({
        ...merchant,
        webhook_secret: sealWebhookSecret(secretBox, merchant.id, webhookSecret),
        api_key_hash: hashKey(apiKey).toString('hex'),
        api_key_prefix: apiKey.slice(0, KEY_PREFIX.length + 6),
        created_at: deps.now().toISOString(),
      });
      deps.log.info({ merchantId: merchant.id }, 'merchant created');
      return { ...merchant, apiKey, webhookSecret };
    },

    async authenticate(apiKey) {
      if (typeof apiKey !== 'string' || !apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) return undefined;
      const hash = hashKey(apiKey);
      const row = await merchants.findByApiKeyHash(hash.toString('hex'));
      if (!row) return undefined;
      // The lookup already matched; comparing in constant time as well keeps a timing difference out of the answer.
      return timingSafeEqual(Buffer.from(row.api_key_hash, 'hex'), hash) ? toMerchant(row) : undefined;
    },

    async listMerchants() {
      return (await merchants.list()).map(toMerchant);
    },

    async rotateWebhookSecret(merchantId) {
      const webhookSecret = await webhookSecrets.rotate(merchantId);
      deps.log.info({ merchantId }, 'merchant webhook secret rotated');
      return { id: merchantId, webhookSecret };
    },

    async rotateApiKey(merchantId) {
      const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
      const apiKeyPrefix = apiKey.slice(0, KEY_PREFIX.length + 6);
      // One UPDATE: the old hash is gone the moment the new one is stored.
      const updated = await merchants.setApiKey(merchantId, hashKey(apiKey).toString('hex'), apiKeyPrefix);
      if (!updated) throw new AppError('not_found', `merchant ${merchantId} not found`);
      deps.log.info({ merchantId, apiKeyPrefix }, 'merchant API key rotated');
      return { id: merchantId, apiKey, apiKeyPrefix };
    },

    async setSigningCertificate(merchantId, pem) {
      const parsed = pem === null ? undefined : parseMerchantCertificate(pem, deps.now());
      const updated = await merchants.setSigningCertificate(merchantId, parsed?.pem ?? null);
      if (!updated) throw new AppError('not_found', `merchant ${merchantId} not found`);
      deps.log.info(
        { merchantId, signing: Boolean(parsed), fingerprint256: parsed?.info.fingerprint256 },
        'merchant signing certificate set',
      );
      return parsed?.info;
    },

    async setLanguage(merchantId, rawLanguage) {
      const { language } = parseInput(z.object({ language: languageSchema }), { language: rawLanguage });
      if (!(await merchants.setLanguage(merchantId, language)))
        throw new AppError('not_found', `merchant ${merchantId} not found`);
      deps.log.info({ merchantId, language }, 'merchant language set');
      return { id: merchantId, language };
    },
    async setAbandonedCallSms(merchantId, on) {
      if (!(await merchants.setAbandonedCallSms(merchantId, on))) {
        throw new AppError('not_found', `merchant ${merchantId} not found`);
      }
      deps.log.info({ merchantId, abandonedCallSms: on }, 'merchant abandoned-call SMS set');
    },
  };
}
