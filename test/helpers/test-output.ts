import fs from 'node:fs';
import path from 'node:path';

/**
 * Every log file and database a test writes goes here, so the card-data scan that closes the suite
 * (test/zz-card-data-scan.test.ts) can read all of it. Emptied once when the suite starts.
 * TEST_OUTPUT_DIR moves it, so two test runs side by side (each on its own sandbox) do not empty each other's.
 */
export const TEST_OUTPUT_DIR = path.resolve(
  process.env.TEST_OUTPUT_DIR || path.join(__dirname, '..', '..', 'data', 'test-output'),
);

export function testOutputFile(name: string): string {
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  return path.join(TEST_OUTPUT_DIR, name);
}

export function resetTestOutput(): void {
  fs.rmSync(TEST_OUTPUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
}
