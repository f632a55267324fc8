import pino from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import pretty from 'pino-pretty';
import { maskPanLike, redactKeys } from './redaction';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Also append JSON lines to this file (its folder is created). */
  file?: string;
  /** Where lines go instead of stdout; tests pass a capturing stream. */
  destination?: DestinationStream;
  /**
   * Lines for a person (pino-pretty: time, level, message, then the fields) instead of JSON. Unset: when stdout is
   * a terminal and no `destination` is given. The file, if any, always gets JSON.
   */
  pretty?: boolean;
}

/** Readable lines for a terminal, written synchronously like the JSON ones. Masking ran before (streamWrite hook). */
export function prettyStream(destination?: DestinationStream): DestinationStream {
  return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', ...(destination ? { destination } : {}) });
}

/** JSON lines (readable ones on a terminal) to stdout (or `destination`) and, when `file` is set, JSON to that file. */
export function createLogger(opts: LoggerOptions): Logger {
  const readable = opts.pretty ?? (opts.destination === undefined && process.stdout.isTTY === true);
  // Synchronous writes: a crash or process.exit never loses the last lines, and tests read them at once.
  const json = opts.destination ?? pino.destination({ dest: 1, sync: true });
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: readable ? prettyStream(opts.destination) : json }];
  if (opts.file) {
    streams.push({ level: 'trace', stream: pino.destination({ dest: opts.file, mkdir: true, sync: true }) });
  }
  return pino(
    {
      level: opts.level,
      // Keys first, on the object; then card-like numbers anywhere in the finished line (src/log/redaction.ts).
      formatters: { log: (obj) => redactKeys(obj) },
      hooks: { streamWrite: maskPanLike },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
}
