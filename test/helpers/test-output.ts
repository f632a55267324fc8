import fs from 'node:fs';
import path from 'node:path';

/**
 * Every log file and database a test writes goes here, so the card-data scan that closes the suite
 * (test/zz-card-data-scan.test.ts) can read all of it. Emptied once when the suite starts.
 */
export const TEST_OUTPUT_DIR = path.resolve(__dirname, '..', '..', 'data', 'test-output');

export function testOutputFile(name: string): string {
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  return path.join(TEST_OUTPUT_DIR, name);
}

export function resetTestOutput(): void {
  fs.rmSync(TEST_OUTPUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
}
