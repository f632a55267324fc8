import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRETS_KEY_BYTES = 32;

/** A 32-byte key written as 64 hex digits or as base64 / base64url; undefined when it is neither. */
export function parseSecretsKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === SECRETS_KEY_BYTES ? key : undefined;
}

/**
 * The key that encrypts secrets at rest when SECRETS_KEY is not set (development): generated once per data
 * folder, next to sandbox-secrets.json, readable by its owner only. Production sets SECRETS_KEY instead.
 */
export function loadOrCreateSecretsKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secrets-key.json');
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { secretsKey?: string };
    const key = parseSecretsKey(stored.secretsKey ?? '');
    if (!key) throw new Error(`${file} does not hold a 32-byte secretsKey`);
    return key;
  }
  const key = randomBytes(SECRETS_KEY_BYTES);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ secretsKey: key.toString('base64') }, null, 2), { mode: 0o600, flag: 'wx' });
  return key;
}

export interface SecretsKeys {
  current: Buffer;
  /** Keys that encrypted older values and may still decrypt them. */
  previous: Buffer[];
  /** True when the key came from (or was just written to) the data folder rather than SECRETS_KEY. */
  generated: boolean;
}

/** The configured keys, or the data folder's generated key when SECRETS_KEY is unset. */
export function resolveSecretsKeys(config: { dataDir: string; secrets: { key?: Buffer; previousKeys: Buffer[] } }): SecretsKeys {
  const { key, previousKeys } = config.secrets;
  if (key) return { current: key, previous: previousKeys, generated: false };
  return { current: loadOrCreateSecretsKey(config.dataDir), previous: previousKeys, generated: true };
}
