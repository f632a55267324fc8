import pino from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that may carry card or holder data. A log call should never pass them, but if one slips
 * through (a whole request object, a card object) the value is replaced before it is written.
 */
const SENSITIVE_KEYS = [
  'pan',
  'cardNumber',
  'accNo',
  'cvn2',
  'cvv',
  'pin',
  'pinBlock',
  'expiry',
  'expiryMmyy',
  'digits',
  'idNumber',
  'mobile',
  'smsCode',
  'apiKey',
  'authorization',
];

/** fast-redact has no "any depth" wildcard, so each key is listed at the depths our log objects reach. */
export const REDACT_PATHS: string[] = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Also append JSON lines to this file (its folder is created). */
  file?: string;
  /** Where lines go instead of stdout; tests pass a capturing stream. */
  destination?: DestinationStream;
}

/** JSON lines to stdout (or `destination`) and, when `file` is set, to that file as well. */
export function createLogger(opts: LoggerOptions): Logger {
  // Synchronous writes: a crash or process.exit never loses the last lines, and tests read them at once.
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: opts.destination ?? pino.destination({ dest: 1, sync: true }) }];
  if (opts.file) {
    streams.push({ level: 'trace', stream: pino.destination({ dest: opts.file, mkdir: true, sync: true }) });
  }
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
}
