import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseSecretsKey } from './secrets-key';

const projectRoot = path.resolve(__dirname, '..', '..');

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'ivrpay');
}

const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().min(100).max(600_000);
const secretsKey = z.string().transform((text, ctx) => {
  const key = parseSecretsKey(text);
  if (!key) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as 64 hex digits or base64' });
  return key ?? Buffer.alloc(0);
});

/** Every setting, from the environment. `.env.example` documents each one. */
const schema = z.object({
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
  SQLITE_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
  ARI_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8088'),
  ARI_USER: z.string().min(1).default('ivrpay'),
  /** Unset: the sandbox Asterisk's generated password, kept in DATA_DIR/sandbox-secrets.json. */
  ARI_PASSWORD: z.string().min(8).optional(),
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('ivrpay'),
  ARI_REQUEST_TIMEOUT_MS: ms.default(5000),
  ASTERISK_SANDBOX: z.enum(['auto', 'off']).default('auto'),
  ASTERISK_CACHE_DIR: z.string().optional(),
  SIP_PORT: port.default(5060),
  SOUNDS_DIR: z.string().default(path.join(projectRoot, 'sounds')),
  DEFAULT_LANGUAGE: z.enum(['zh', 'en']).default('zh'),
  IVR_FIRST_DIGIT_TIMEOUT_MS: ms.default(8000),
  IVR_INTER_DIGIT_TIMEOUT_MS: ms.default(5000),
  IVR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(9).default(3),
  IVR_MAX_CARDS: z.coerce.number().int().min(1).max(9).default(3),
  ORDER_EXPIRES_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(1800),
  ACQUIRER: z.enum(['sandbox']).default('sandbox'),
  ACQUIRER_TIMEOUT_MS: ms.default(30_000),
  /** 32 bytes (64 hex digits or base64) encrypting secrets at rest. Unset: generated into DATA_DIR/secrets-key.json. */
  SECRETS_KEY: secretsKey.optional(),
  /** Comma-separated older keys, still accepted for decrypting while values are re-encrypted. */
  SECRETS_PREVIOUS_KEYS: z
    .string()
    .transform((text, ctx) => {
      const keys = text.split(',').filter((k) => k.trim() !== '').map(parseSecretsKey);
      if (keys.some((k) => !k)) ctx.addIssue({ code: 'custom', message: 'each key must be 32 bytes as 64 hex digits or base64' });
      return keys.filter((k): k is Buffer => k !== undefined);
    })
    .optional(),
});

type Env = z.infer<typeof schema>;

export interface Config {
  /** `rateLimitPerMinute`: merchant API requests a minute per merchant, and refused keys a minute per client IP. */
  http: { host: string; port: number; rateLimitPerMinute: number };
  dataDir: string;
  sqliteFile: string;
  log: { level: Env['LOG_LEVEL']; file?: string };
  ari: { url: string; user: string; password?: string; app: string; requestTimeoutMs: number };
  asterisk: { sandbox: 'auto' | 'off'; cacheDir: string; sipPort: number };
  soundsDir: string;
  defaultLanguage: 'zh' | 'en';
  ivr: { firstDigitTimeoutMs: number; interDigitTimeoutMs: number; maxAttempts: number; maxCards: number };
  orderExpiresSeconds: number;
  acquirer: { kind: 'sandbox'; timeoutMs: number };
  /** Keys encrypting secrets at rest (webhook secrets); see src/config/secrets-key.ts. */
  secrets: { key?: Buffer; previousKeys: Buffer[] };
}

/** Lists every bad setting at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    dataDir,
    sqliteFile: path.resolve(e.SQLITE_FILE ?? path.join(dataDir, 'ivrpay.sqlite')),
    log: { level: e.LOG_LEVEL, file: e.LOG_FILE },
    ari: {
      url: e.ARI_URL.replace(/\/+$/, ''),
      user: e.ARI_USER,
      password: e.ARI_PASSWORD,
      app: e.ARI_APP,
      requestTimeoutMs: e.ARI_REQUEST_TIMEOUT_MS,
    },
    asterisk: {
      sandbox: e.ASTERISK_SANDBOX,
      cacheDir: path.resolve(e.ASTERISK_CACHE_DIR ?? defaultCacheDir(env)),
      sipPort: e.SIP_PORT,
    },
    soundsDir: path.resolve(e.SOUNDS_DIR),
    defaultLanguage: e.DEFAULT_LANGUAGE,
    ivr: {
      firstDigitTimeoutMs: e.IVR_FIRST_DIGIT_TIMEOUT_MS,
      interDigitTimeoutMs: e.IVR_INTER_DIGIT_TIMEOUT_MS,
      maxAttempts: e.IVR_MAX_ATTEMPTS,
      maxCards: e.IVR_MAX_CARDS,
    },
    orderExpiresSeconds: e.ORDER_EXPIRES_SECONDS,
    acquirer: { kind: e.ACQUIRER, timeoutMs: e.ACQUIRER_TIMEOUT_MS },
    secrets: { key: e.SECRETS_KEY, previousKeys: e.SECRETS_PREVIOUS_KEYS ?? [] },
  });
}
