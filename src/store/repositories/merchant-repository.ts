import type { Language } from '../../domain/language';
import type { MerchantCallbackColumns } from '../callback-rows';
import type { MerchantRow } from '../rows';
import type { Source } from '../source';
import type { NewRow } from '../tables';

export type NewMerchantRow = NewRow<MerchantRow, 'require_id_number' | 'require_mobile' | 'abandoned_call_sms' | 'confirm_card'>;

/** The `merchants` table: identity, API key hash, request-signing certificate, webhook secrets, callback policy. */
export interface MerchantRepository {
  insert(row: NewMerchantRow): Promise<void>;
  find(id: string): Promise<MerchantRow | undefined>;
  findByApiKeyHash(apiKeyHash: string): Promise<MerchantRow | undefined>;
  /** Oldest first. */
  list(): Promise<MerchantRow[]>;
  /** One UPDATE: the old hash is gone the moment the new one is stored. False for an unknown merchant. */
  setApiKey(id: string, apiKeyHash: string, apiKeyPrefix: string): Promise<boolean>;
  /** False for an unknown merchant. */
  setSigningCertificate(id: string, pem: string | null): Promise<boolean>;
  /** False for an unknown merchant. */
  setLanguage(id: string, language: Language | null): Promise<boolean>;
  /**
   * One statement: the current sealed secret moves to `previous` (signing until `previousUntil`, or not at all
   * when there was none) and `sealed` becomes current, atomically whoever else rotates at once. False for an unknown merchant.
   */
  rotateWebhookSecret(id: string, sealed: string, previousUntil: string): Promise<boolean>;
  setCallbackPolicy(id: string, columns: MerchantCallbackColumns): Promise<void>;
  /** False for an unknown merchant. */
  setAbandonedCallSms(id: string, on: boolean): Promise<boolean>;
  /** The call script's per-merchant options (migration 012). False for an unknown merchant. */
  setPromptOptions(id: string, columns: Partial<Pick<MerchantRow, 'confirm_card' | 'greeting_languages'>>): Promise<boolean>;
}

export function createMerchantRepository(db: Source): MerchantRepository {
  const merchants = () => db.table('merchants');
  return {
    async insert(row) {
      await merchants().insert(row);
    },

    find: (id) => merchants().where({ id }).first(),

    findByApiKeyHash: (apiKeyHash) => merchants().where({ api_key_hash: apiKeyHash }).first(),

    list: () => merchants().orderBy('created_at').orderBy('id'),

    async setApiKey(id, apiKeyHash, apiKeyPrefix) {
      return (await merchants().where({ id }).update({ api_key_hash: apiKeyHash, api_key_prefix: apiKeyPrefix })) > 0;
    },

    async setSigningCertificate(id, pem) {
      return (await merchants().where({ id }).update({ signing_certificate: pem })) > 0;
    },

    async setLanguage(id, language) {
      return (await merchants().where({ id }).update({ language })) > 0;
    },

    async rotateWebhookSecret(id, sealed, previousUntil) {
      const count = await merchants()
        .where({ id })
        .update({
          webhook_secret_previous: db.knex.ref('webhook_secret'),
          webhook_secret_previous_until: db.knex.raw<string | null>('case when ?? is null then null else ? end', [
            'webhook_secret',
            previousUntil,
          ]),
          webhook_secret: sealed,
        });
      return count > 0;
    },

    async setCallbackPolicy(id, columns) {
      await merchants().where({ id }).update(columns);
    },

    async setAbandonedCallSms(id, on) {
      return (await merchants().where({ id }).update({ abandoned_call_sms: on })) > 0;
    },
    async setPromptOptions(id, columns) {
      return (await merchants().where({ id }).update(columns)) > 0;
    },
  };
}
