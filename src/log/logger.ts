import pino from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { maskPanLike, redactKeys } from './redaction';

export type { Logger } from 'pino';

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
      // Keys first, on the object; then card-like numbers anywhere in the finished line (src/log/redaction.ts).
      formatters: { log: (obj) => redactKeys(obj) },
      hooks: { streamWrite: maskPanLike },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
}
