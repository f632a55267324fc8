import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** A debug-level logger whose lines the test can read back (to assert what is and is not logged). */
export function captureLog(): { log: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'trace' }, sink), lines: () => lines };
}
