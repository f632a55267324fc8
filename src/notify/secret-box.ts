import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../domain/app-error';

/**
 * Encrypts small secrets for storage: AES-256-GCM, a fresh 96-bit IV each time, and the key's id stored
 * with the ciphertext so keys can rotate (values sealed under a previous key still open).
 * Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface SecretBox {
  /** `context` (e.g. table, column and row id) is authenticated: a value copied to another row does not open. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** Whether a sealed value uses an older key and should be sealed again under the current one. */
  isStale(sealed: string): boolean;
}

const VERSION = 'v1';

/** Derived from the key so nothing needs naming; 32 bits of a hash reveal nothing usable of a 256-bit key. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('ivrpay secrets key id\0').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(keys: { current: Buffer; previous?: Buffer[] }): SecretBox {
  for (const key of [keys.current, ...(keys.previous ?? [])]) {
    if (key.length !== 32) throw new AppError('config_invalid', 'a secrets key must be 32 bytes');
  }
  const currentId = keyId(keys.current);
  const byId = new Map([keys.current, ...(keys.previous ?? [])].map((k) => [keyId(k), k]));

  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
      return [VERSION, currentId, ...parts].join('.');
    },

    open(sealed, context) {
      const [version, id, iv, tag, ciphertext, extra] = sealed.split('.');
      if (version !== VERSION || ciphertext === undefined || extra !== undefined) {
        throw new AppError('unavailable', 'a stored secret is not in a known format');
      }
      const key = byId.get(id);
      if (!key) throw new AppError('unavailable', `a stored secret is sealed under key ${id}, which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: 16, // refuses a truncated tag, which would be easier to forge
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new AppError('unavailable', 'a stored secret failed its integrity check');
      }
    },

    isStale: (sealed) => sealed.split('.')[1] !== currentId,
  };
}
