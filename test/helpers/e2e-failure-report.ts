import fs from 'node:fs';
import path from 'node:path';
import { TEST_OUTPUT_DIR } from './test-output';

const RECENT_MS = 5 * 60_000;
const TAIL_LINES = 400;
const MAX_REPORTED = 40;

/**
 * What the service logged at warn level or above in the test's last minutes, from every log under
 * data/test-output (already redacted: the card-data scan reads the same files). An end-to-end test that fails
 * in CI leaves nothing else behind: the clone is gone, and "expected […] to include 'payment-success'" does not
 * say whether the call, Asterisk or the acquirer went wrong.
 */
export function e2eFailureReport(dir = TEST_OUTPUT_DIR, now = Date.now()): string {
  if (!fs.existsSync(dir)) return '';
  const lines: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.log') || now - fs.statSync(file).mtimeMs > RECENT_MS) continue;
    const tail = fs.readFileSync(file, 'utf8').split('\n').slice(-TAIL_LINES);
    for (const line of tail) if (isWarnOrWorse(line)) lines.push(`${name}: ${line}`);
  }
  return lines.slice(-MAX_REPORTED).join('\n');
}

function isWarnOrWorse(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: number };
    return typeof entry.level === 'number' && entry.level >= 40;
  } catch {
    return false;
  }
}
