import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { newId } from '../store/new-id';
import { maskPhone, type SmsPort } from './sms-port';

/**
 * The default SMS provider, for development and the sandbox: each message is appended as one JSON line to
 * `file` (DATA_DIR/sms-outbox.jsonl) and logged without its text. Nothing leaves the machine.
 */
export function createOutboxSms(deps: { file: string; log: Logger; now: () => Date }): SmsPort {
  return {
    async send(message) {
      const providerId = newId('outbox');
      const line = JSON.stringify({ providerId, at: deps.now().toISOString(), to: message.to, text: message.text });
      await fs.promises.mkdir(path.dirname(deps.file), { recursive: true });
      await fs.promises.appendFile(deps.file, line + '\n', { mode: 0o600 });
      deps.log.info({ providerId, to: maskPhone(message.to) }, 'SMS written to the outbox');
      return { providerId };
    },
  };
}
