import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { createHttpSms } from './http-sms';
import { createOutboxSms } from './outbox-sms';
import type { SmsPort } from './sms-port';

/** The configured SMS provider: the HTTP gateway (SMS_PROVIDER=http), else the outbox file DATA_DIR/sms-outbox.jsonl. */
export function createSmsPort(config: Pick<Config, 'sms' | 'dataDir'>, deps: { log: Logger; now: () => Date }): SmsPort {
  if (config.sms.provider === 'http' && config.sms.http) return createHttpSms({ ...config.sms.http, ...deps });
  return createOutboxSms({ file: path.join(config.dataDir, 'sms-outbox.jsonl'), ...deps });
}
