import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until `check` holds (polled), or fails after `ms` with `what`. */
export async function until<T>(what: string, ms: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The recording as a test artefact under data/test-output, out of Asterisk's spool. */
export function keepArtefact(file: string, artefact: string): void {
  fs.copyFileSync(file, artefact);
  fs.rmSync(file, { force: true });
}
