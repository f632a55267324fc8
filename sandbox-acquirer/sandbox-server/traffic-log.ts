import fs from 'node:fs';
import path from 'node:path';
import type { AcpFields } from '../../src/acquirer/acp/acp-fields';

/**
 * The sandbox acquirer's record of what went over the wire, one JSON line per message, for
 * developers. Card-bearing fields are never written, not even encrypted (ciphertext of a PIN block
 * is still PIN data); signatures, certificates and key check values are replaced by markers.
 */
const NEVER_WRITTEN = new Set([
  'accNo',
  'customerInfo',
  'encryptedInfo',
  'pin',
  'cvn2',
  'expired',
  'phoneNo',
  'certifId',
  'smsCode',
  'zonePinKey',
]);
// The check value is no secret, but random hex could spell card-data digits that the card-data scan looks for.
const MARKED: Record<string, string> = { signature: '[signature]', signPubKeyCert: '[certificate]', checkValue: '[kcv]' };

export interface TrafficEntry {
  /** in: a request to the sandbox; out: its answer; notify: a notification to a backUrl. */
  dir: 'in' | 'out' | 'notify';
  path: string;
  status?: number;
  fields?: AcpFields;
  note?: string;
}

export interface TrafficLog {
  record(entry: TrafficEntry, now: Date): void;
}

export function sanitizeFields(fields: AcpFields): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (NEVER_WRITTEN.has(key)) safe[key] = '[removed]';
    else safe[key] = MARKED[key] ?? value;
  }
  return safe;
}

/** Without a file, nothing is kept. */
export function createTrafficLog(file?: string): TrafficLog {
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    record(entry, now) {
      if (!file) return;
      const line = { at: now.toISOString(), ...entry, fields: entry.fields ? sanitizeFields(entry.fields) : undefined };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    },
  };
}
