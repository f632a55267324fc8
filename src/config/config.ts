import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { validAreaCode } from '../domain/area-code';
import { callbackProblems, type CallbackSettings, type SmsSettings } from './callback-settings';
import {
  acquirerProblems,
  acquirerSettings,
  SANDBOX_MERCHANT_ID,
  UNIONPAY_ORGANISATION,
  type AcquirerSettings,
} from './acquirer-settings';
import { reconciliationSchema, reconciliationSettings, type ReconciliationSettings } from './reconciliation-settings';
import { databaseSettings, isPostgresUrl, type DatabaseSettings } from './database-settings';
import { findProjectRoot } from './project-root';
import { parseSecretsKey } from './secrets-key';
import { parseClockTime, type SettlementSettings } from './settlement-settings';

const projectRoot = findProjectRoot();

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'ivrpay');
}

const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().min(100).max(600_000);
const lines = z.coerce.number().int().min(0).max(10_000);
const flag = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1');
const secretsKey = z.string().transform((text, ctx) => {
  const key = parseSecretsKey(text);
  if (!key) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as 64 hex digits or base64' });
  return key ?? Buffer.alloc(0);
});

/** `sqlite:` or a PostgreSQL URL; the message never quotes the value, which may hold a password. */
const databaseUrl = z.string().refine((text) => text === 'sqlite:' || isPostgresUrl(text), {
  error: 'must be sqlite: or postgres://user:password@host:port/database',
});

/** Every setting, from the environment. `.env.example` documents each one. */
const schema = z.object({
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Prometheus metrics on their own port (README, "Metrics and alerts"); `off`: no server, nothing measured. */
  METRICS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: port.default(9464),
  /** How often readiness (/readyz: ARI, store, acquirer, migrations) is checked to take or refuse new calls. */
  READINESS_INTERVAL_MS: z.coerce.number().int().min(1000).max(600_000).default(5000),
  /** Overload guard (src/admission): p99 thresholds in ms over each window; 0 switches a signal off. */
  ADMISSION_ARI_P99_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  ADMISSION_EVENT_LOOP_P99_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  ADMISSION_WINDOW_MS: z.coerce.number().int().min(500).max(60_000).default(2000),
  /** The operator console (/console): how long a login lasts, the cookie's Secure flag, failed logins per IP per 15 min. */
  CONSOLE_SESSION_HOURS: z.coerce.number().min(0.25).max(72).default(8),
  CONSOLE_COOKIE_SECURE: flag.default(false),
  CONSOLE_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  /** This app node among several on one store (README, "Running on several machines"): unique per node. */
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
    .default(
      os
        .hostname()
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .slice(0, 64) || 'node',
    ),
  /**
   * A dead node's callers hear the fallback within expiry + one heartbeat + the continue (README, "Several app
   * nodes"): the defaults keep that under 10 s.
   */
  NODE_HEARTBEAT_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
  NODE_EXPIRY_MS: z.coerce.number().int().min(1000).max(600_000).default(6000),
  DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
  /** Unset or `sqlite:`: SQLite at SQLITE_FILE; `postgres://…`: PostgreSQL (README, "Configuration"). */
  DATABASE_URL: databaseUrl.optional(),
  SQLITE_FILE: z.string().optional(),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
  ARI_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8088'),
  ARI_USER: z.string().min(1).default('ivrpay'),
  /** Unset: the sandbox Asterisk's generated password, kept in DATA_DIR/sandbox-secrets.json. */
  ARI_PASSWORD: z.string().min(8).optional(),
  ARI_APP: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('ivrpay'),
  /**
   * The Stasis app (ARI_APP) of every node on this Asterisk, comma-separated: the sandbox's dialplan tries them in turn
   * (IVRPAY_APPS, README "Several app nodes"). Unset: ARI_APP alone.
   */
  ARI_APPS: z
    .string()
    .regex(/^ *[A-Za-z0-9_-]+ *(, *[A-Za-z0-9_-]+ *)*$/, 'app names (letters, digits, - and _) separated by commas')
    .transform((text) => text.split(',').map((app) => app.trim()))
    .optional(),
  /**
   * Every Asterisk server this node connects to, comma-separated ARI URLs (README "Running on several machines"):
   * one ARI connection each, callbacks on the one with free lines. Unset: ARI_URL alone.
   */
  ARI_SERVERS: z
    .string()
    .transform((text) => text.split(',').map((url) => url.trim().replace(/\/+$/, '')))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'ARI URLs (http:// or https://) separated by commas' })).min(1))
    .refine((urls) => new Set(urls).size === urls.length, 'a server is listed twice')
    .optional(),
  ARI_REQUEST_TIMEOUT_MS: ms.default(5000),
  /** on | off; unset: on with the sandbox acquirer only (the simulated cardholder reads it), off with a real one. */
  ARI_FIELD_VARIABLE: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  /** Dialplan context a caller who came with a return-to continues in after the result (README, "Back to the agent"). */
  RETURN_CONTEXT: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('ivrpay-return'),
  ASTERISK_SANDBOX: z.enum(['auto', 'off']).default('auto'),
  ASTERISK_CACHE_DIR: z.string().optional(),
  SIP_PORT: port.default(5060),
  /** TCP port of the PostgreSQL sandbox (scripts/postgres-sandbox) on 127.0.0.1; not 5432, the system cluster's. */
  POSTGRES_SANDBOX_PORT: port.min(1).default(54329),
  SOUNDS_DIR: z.string().default(path.join(projectRoot, 'sounds')),
  DEFAULT_LANGUAGE: z.enum(['zh', 'en']).default('zh'),
  LANGUAGE_SWITCH: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LANGUAGE_SWITCH_TIMEOUT_MS: ms.default(2000),
  IVR_FIRST_DIGIT_TIMEOUT_MS: ms.default(8000),
  IVR_INTER_DIGIT_TIMEOUT_MS: ms.default(5000),
  IVR_CARD_PAUSE_MS: ms.default(1500),
  IVR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(9).default(3),
  IVR_MAX_CARDS: z.coerce.number().int().min(1).max(9).default(3),
  ORDER_EXPIRES_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86400)
    .default(1800),
  TRUNK_LINES: lines.min(1).default(30),
  CALLBACK_MAX_LINES: lines.default(10),
  CALLBACK_RESERVED_INBOUND_LINES: lines.default(5),
  CALLBACK_CPS: z.coerce.number().min(0.1).max(1000).default(5),
  CALLBACK_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(300).default(45),
  /** ARI endpoint of a callback; {dial} becomes the digits. Default: the sandbox's test phones. */
  CALLBACK_ENDPOINT: z
    .string()
    .regex(/^[A-Za-z0-9_-]+\/[^\s,]*\{dial\}[^\s,]*$/, 'must be <technology>/<resource> with {dial}, e.g. PJSIP/{dial}@carrier')
    .default('Local/{dial}@ivrpay-test-phones'),
  /** Caller ID shown to the cardholder, e.g. "Shop" <4008205588>; unset: the trunk's default. */
  CALLBACK_CALLER_ID: z
    .string()
    .max(80)
    .regex(/^[^\r\n]*$/, 'must be one line')
    .optional(),
  CALLBACK_ORDER_EXPIRES_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86400)
    .default(86400),
  CALLBACK_HOME_AREA_CODE: z
    .string()
    .refine(validAreaCode, 'must be a mainland area code with its 0, e.g. 010 or 0755')
    .default('010'),
  CALLBACK_MOBILE_ZERO_OUT_OF_AREA: flag.default(false),
  CALLBACK_SEGMENTS_FILE: z.string().optional(),
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_MAX_PER_ORDER: z.coerce.number().int().min(0).max(10).default(1),
  SMS_INBOUND_NUMBER: z
    .string()
    .regex(/^\d{5,12}$/, 'must be 5 to 12 digits')
    .default('4008205588'),
  SMS_SIGNATURE: z.string().min(1).max(20).default('ivrpay'),
  SMS_ABANDONED_CALL_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_HTTP_USER: z.string().optional(),
  SMS_HTTP_PASSWORD: z.string().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_HTTP_SIGNING_SECRET: z.string().min(16).optional(),
  SMS_HTTP_TIMEOUT_MS: ms.default(10_000),
  SMS_HTTP_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** sandbox: start the bundled sandbox acquirer and talk ACP to it; acp: a real ACP endpoint (ACQUIRER_URL). */
  ACQUIRER: z.enum(['sandbox', 'acp']).default('sandbox'),
  ACQUIRER_TIMEOUT_MS: ms.default(30_000),
  ACQUIRER_CALLER_WAIT_MS: ms.default(20_000),
  ACQUIRER_URL: z.url({ protocol: /^https?$/ }).optional(),
  ACQUIRER_FILE_TRANSFER_URL: z.url({ protocol: /^https?$/ }).optional(),
  ACQUIRER_MERCHANT_ID: z
    .string()
    .regex(/^\d{15}$/, 'must be 15 digits')
    .default(SANDBOX_MERCHANT_ID),
  ACQUIRER_SIGN_KEY_FILE: z.string().optional(),
  ACQUIRER_SIGN_KEY_PASSPHRASE: z.string().optional(),
  ACQUIRER_SIGN_CERT_FILE: z.string().optional(),
  ACQUIRER_ENCRYPT_CERT_FILE: z.string().optional(),
  ACQUIRER_ROOT_CERT_FILE: z.string().optional(),
  ACQUIRER_MIDDLE_CERT_FILE: z.string().optional(),
  ACQUIRER_CERT_ORGANISATION: z.string().min(1).default(UNIONPAY_ORGANISATION),
  ACQUIRER_ENCRYPTION_PADDING: z.enum(['pkcs1', 'oaep']).optional(),
  ACQUIRER_PIN_MODE: z.enum(['rsa', 'tdea']).default('rsa'),
  ACQUIRER_SMS_CODE: z.enum(['off', 'required']).default('off'),
  ACQUIRER_NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The acquirer's daily cut-off, Beijing time: before it, a whole same-day refund goes out as a cancel (ACP 31). */
  ACQUIRER_CUT_OFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, Beijing time (00:00 to 23:59)')
    .default('23:00'),
  NOTIFY_ALLOW_PRIVATE_NETWORKS: flag.default(false),
  /** T+n: the batch of settlement date D covers business day D − n (Beijing). */
  SETTLEMENT_DELAY_DAYS: z.coerce.number().int().min(0).max(30).default(1),
  /** When the daily settlement batch runs, HH:MM Beijing time. */
  SETTLEMENT_RUN_AT: z
    .string()
    .refine((t) => parseClockTime(t) !== undefined, 'must be HH:MM (24 h, Beijing time)')
    .default('02:30'),
  SANDBOX_ACQUIRER_PORT: port.default(3001),
  ...reconciliationSchema,
  /** 32 bytes (64 hex digits or base64) encrypting secrets at rest. Unset: generated into DATA_DIR/secrets-key.json. */
  SECRETS_KEY: secretsKey.optional(),
  /** Comma-separated older keys, still accepted for decrypting while values are re-encrypted. */
  SECRETS_PREVIOUS_KEYS: z
    .string()
    .transform((text, ctx) => {
      const keys = text
        .split(',')
        .filter((k) => k.trim() !== '')
        .map(parseSecretsKey);
      if (keys.some((k) => !k)) ctx.addIssue({ code: 'custom', message: 'each key must be 32 bytes as 64 hex digits or base64' });
      return keys.filter((k): k is Buffer => k !== undefined);
    })
    .optional(),
});

type Env = z.infer<typeof schema>;

export interface Config {
  /** `rateLimitPerMinute`: merchant API requests a minute per merchant, and refused keys a minute per client IP. */
  http: { host: string; port: number; rateLimitPerMinute: number };
  /** The Prometheus endpoint (GET /metrics): off, or on its own address, loopback by default. */
  metrics: { enabled: boolean; host: string; port: number };
  /** `intervalMs`: how often readiness is checked in the background (README, "Health and readiness"). */
  readiness: { intervalMs: number };
  /** The overload guard's thresholds (p99 ms, 0 = off) and window (README, "Admission control"). */
  admission: { ariRoundTripMs: number; eventLoopLagMs: number; windowMs: number };
  /** The operator console (README, "Operator console"). */
  console: { sessionMs: number; cookieSecure: boolean; loginAttempts: number };
  /** This node's id, how often it writes its heartbeat, and how old another's may be before its work is taken over. */
  node: { id: string; heartbeatMs: number; expiryMs: number };
  dataDir: string;
  sqliteFile: string;
  sqliteSynchronous: 'full' | 'normal';
  /** The store: SQLite at `sqliteFile` (the default), or PostgreSQL at DATABASE_URL. */
  database: DatabaseSettings;
  log: { level: Env['LOG_LEVEL']; file?: string };
  ari: {
    url: string;
    /** Every Asterisk server's ARI URL (ARI_SERVERS; ARI_URL alone unless set); the same user and password on each. */
    servers: string[];
    user: string;
    password?: string;
    app: string;
    /** Every node's app on this Asterisk, this node's among them (ARI_APPS). */
    apps: string[];
    requestTimeoutMs: number;
    returnContext: string;
    /** Set IVRPAY_FIELD on the channel before each field (ARI_FIELD_VARIABLE): for simulated cardholders only. */
    fieldVariable: boolean;
  };
  asterisk: { sandbox: 'auto' | 'off'; cacheDir: string; sipPort: number };
  /** The PostgreSQL sandbox of scripts/postgres-sandbox (README, "PostgreSQL sandbox"). */
  postgresSandbox: { port: number };
  /** SOUNDS_DIR: recorded prompts that replace the generated ones (README, "Recording prompts"); by default the generated folder. */
  soundsDir: string;
  /** make-sounds' output (the project's sounds/): every prompt SOUNDS_DIR lacks is played from here. */
  generatedSoundsDir: string;
  /** DATA_DIR/greetings: the merchants' recorded greetings (admin `merchant set-greeting`). */
  greetingsDir: string;
  defaultLanguage: 'zh' | 'en';
  ivr: {
    firstDigitTimeoutMs: number;
    interDigitTimeoutMs: number;
    completePauseMs: number;
    maxAttempts: number;
    maxCards: number;
    languageSwitch: boolean;
    languageSwitchTimeoutMs: number;
  };
  orderExpiresSeconds: number;
  /** Merchant notifications: whether notifyUrl may reach this machine or private networks. */
  notify: { allowPrivateNetworks: boolean };
  /** Callback mode: lines, pacing and dialling rules. */
  callback: CallbackSettings;
  sms: SmsSettings;
  /** See src/config/acquirer-settings.ts. */
  acquirer: AcquirerSettings;
  /** See src/config/reconciliation-settings.ts. */
  reconciliation: ReconciliationSettings;
  /** The daily settlement batch (issue 11 §3); see src/config/settlement-settings.ts. */
  settlement: SettlementSettings;
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

/**
 * A node is taken for dead only after missing several heartbeats, never between two of its own; and it is one of the
 * apps the dialplan tries.
 */
function nodeProblems(env: NodeJS.ProcessEnv): string[] {
  const heartbeat = Number(env.NODE_HEARTBEAT_MS ?? 2000);
  const expiry = Number(env.NODE_EXPIRY_MS ?? 6000);
  const problems = expiry < 3 * heartbeat ? ['NODE_EXPIRY_MS: must be at least 3 × NODE_HEARTBEAT_MS'] : [];
  // The dialplan would never hand this node a call.
  const apps = env.ARI_APPS?.split(',').map((app) => app.trim());
  if (apps && !apps.includes(env.ARI_APP ?? 'ivrpay')) problems.push('ARI_APPS: must include ARI_APP');
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  // Settings that depend on one another are checked on the raw values, so they are listed with the rest.
  const acquirerCrossProblems = [...acquirerProblems(present), ...callbackProblems(present), ...nodeProblems(present)];
  if (!parsed.success || acquirerCrossProblems.length > 0) {
    throw new ConfigError([
      ...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []),
      ...acquirerCrossProblems,
    ]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const ariUrl = e.ARI_URL.replace(/\/+$/, '');
  const callback: CallbackSettings = {
    lines: { total: e.TRUNK_LINES, maxOutbound: e.CALLBACK_MAX_LINES, reservedInbound: e.CALLBACK_RESERVED_INBOUND_LINES },
    callsPerSecond: e.CALLBACK_CPS,
    ringTimeoutSec: e.CALLBACK_RING_TIMEOUT_SECONDS,
    endpoint: e.CALLBACK_ENDPOINT,
    ...(e.CALLBACK_CALLER_ID ? { callerId: e.CALLBACK_CALLER_ID } : {}),
    orderExpiresSeconds: e.CALLBACK_ORDER_EXPIRES_SECONDS,
    homeAreaCode: e.CALLBACK_HOME_AREA_CODE,
    mobileZeroOutOfArea: e.CALLBACK_MOBILE_ZERO_OUT_OF_AREA,
    ...(e.CALLBACK_SEGMENTS_FILE ? { segmentsFile: path.resolve(e.CALLBACK_SEGMENTS_FILE) } : {}),
  };
  const sms: SmsSettings = {
    provider: e.SMS_PROVIDER,
    maxPerOrder: e.SMS_MAX_PER_ORDER,
    inboundNumber: e.SMS_INBOUND_NUMBER,
    signature: e.SMS_SIGNATURE,
    abandonedCallDelayMs: e.SMS_ABANDONED_CALL_DELAY_MS,
    ...(e.SMS_HTTP_URL
      ? {
          http: {
            url: e.SMS_HTTP_URL,
            user: e.SMS_HTTP_USER,
            password: e.SMS_HTTP_PASSWORD,
            token: e.SMS_HTTP_TOKEN,
            signingSecret: e.SMS_HTTP_SIGNING_SECRET,
            timeoutMs: e.SMS_HTTP_TIMEOUT_MS,
            retries: e.SMS_HTTP_RETRIES,
          },
        }
      : {}),
  };
  return Object.freeze({
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    metrics: { enabled: e.METRICS === 'on', host: e.METRICS_HOST, port: e.METRICS_PORT },
    readiness: { intervalMs: e.READINESS_INTERVAL_MS },
    admission: {
      ariRoundTripMs: e.ADMISSION_ARI_P99_MS,
      eventLoopLagMs: e.ADMISSION_EVENT_LOOP_P99_MS,
      windowMs: e.ADMISSION_WINDOW_MS,
    },
    console: {
      sessionMs: Math.round(e.CONSOLE_SESSION_HOURS * 3_600_000),
      cookieSecure: e.CONSOLE_COOKIE_SECURE,
      loginAttempts: e.CONSOLE_LOGIN_ATTEMPTS,
    },
    node: { id: e.NODE_ID, heartbeatMs: e.NODE_HEARTBEAT_MS, expiryMs: e.NODE_EXPIRY_MS },
    dataDir,
    sqliteFile: path.resolve(e.SQLITE_FILE ?? path.join(dataDir, 'ivrpay.sqlite')),
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    database: databaseSettings(e.DATABASE_URL),
    log: { level: e.LOG_LEVEL, file: e.LOG_FILE },
    ari: {
      url: ariUrl,
      servers: e.ARI_SERVERS ?? [ariUrl],
      user: e.ARI_USER,
      password: e.ARI_PASSWORD,
      app: e.ARI_APP,
      apps: e.ARI_APPS ?? [e.ARI_APP],
      requestTimeoutMs: e.ARI_REQUEST_TIMEOUT_MS,
      returnContext: e.RETURN_CONTEXT,
      fieldVariable: (e.ARI_FIELD_VARIABLE ?? (e.ACQUIRER === 'sandbox' ? 'on' : 'off')) === 'on',
    },
    asterisk: {
      sandbox: e.ASTERISK_SANDBOX,
      cacheDir: path.resolve(e.ASTERISK_CACHE_DIR ?? defaultCacheDir(env)),
      sipPort: e.SIP_PORT,
    },
    postgresSandbox: { port: e.POSTGRES_SANDBOX_PORT },
    soundsDir: path.resolve(e.SOUNDS_DIR),
    generatedSoundsDir: path.join(projectRoot, 'sounds'),
    greetingsDir: path.join(dataDir, 'greetings'),
    defaultLanguage: e.DEFAULT_LANGUAGE,
    ivr: {
      firstDigitTimeoutMs: e.IVR_FIRST_DIGIT_TIMEOUT_MS,
      interDigitTimeoutMs: e.IVR_INTER_DIGIT_TIMEOUT_MS,
      completePauseMs: e.IVR_CARD_PAUSE_MS,
      maxAttempts: e.IVR_MAX_ATTEMPTS,
      maxCards: e.IVR_MAX_CARDS,
      languageSwitch: e.LANGUAGE_SWITCH === 'on',
      languageSwitchTimeoutMs: e.LANGUAGE_SWITCH_TIMEOUT_MS,
    },
    orderExpiresSeconds: e.ORDER_EXPIRES_SECONDS,
    notify: { allowPrivateNetworks: e.NOTIFY_ALLOW_PRIVATE_NETWORKS },
    callback,
    sms,
    acquirer: acquirerSettings(e, e.HTTP_PORT),
    reconciliation: reconciliationSettings(e),
    settlement: { delayDays: e.SETTLEMENT_DELAY_DAYS, runAt: parseClockTime(e.SETTLEMENT_RUN_AT) ?? { hour: 2, minute: 30 } },
    secrets: { key: e.SECRETS_KEY, previousKeys: e.SECRETS_PREVIOUS_KEYS ?? [] },
  });
}
