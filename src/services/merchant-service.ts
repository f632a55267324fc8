import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { newId } from '../store/new-id';
import type { MerchantRow } from '../store/rows';
import { parseInput } from './parse-input';
import type { ServiceDeps } from './service-deps';

export interface Merchant {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart; never enough to use it. */
  apiKeyPrefix: string;
  requireIdNumber: boolean;
  requireMobile: boolean;
  createdAt: string;
}

export interface NewMerchant {
  id: string;
  name: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
}

export interface MerchantService {
  createMerchant(name: string): Promise<NewMerchant>;
  /** The merchant owning this key, or undefined for an unknown or malformed key. */
  authenticate(apiKey: string): Promise<Merchant | undefined>;
  listMerchants(): Promise<Merchant[]>;
}

const KEY_PREFIX = 'ivrpay_sk_';
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
    createdAt: row.created_at,
  };
}

export function createMerchantService(deps: ServiceDeps): MerchantService {
  const { db } = deps;
  return {
    async createMerchant(rawName) {
      const { name } = parseInput(z.object({ name: nameSchema }), { name: rawName });
      const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
      const merchant = { id: newId('mch'), name };
      await db('merchants').insert({
        ...merchant,
        api_key_hash: hashKey(apiKey).toString('hex'),
        api_key_prefix: apiKey.slice(0, KEY_PREFIX.length + 6),
        created_at: deps.now().toISOString(),
      });
      deps.log.info({ merchantId: merchant.id }, 'merchant created');
      return { ...merchant, apiKey };
    },

    async authenticate(apiKey) {
      if (typeof apiKey !== 'string' || !apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) return undefined;
      const hash = hashKey(apiKey);
      const row: MerchantRow | undefined = await db('merchants').where({ api_key_hash: hash.toString('hex') }).first();
      if (!row) return undefined;
      // The lookup already matched; comparing in constant time as well keeps a timing difference out of the answer.
      return timingSafeEqual(Buffer.from(row.api_key_hash, 'hex'), hash) ? toMerchant(row) : undefined;
    },

    async listMerchants() {
      const rows: MerchantRow[] = await db('merchants').orderBy('created_at').orderBy('id');
      return rows.map(toMerchant);
    },
  };
}
