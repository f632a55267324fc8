import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so key order and whitespace do not make two requests differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? '';
}

/**
 * What an Idempotency-Key is bound to: SHA-256 (hex) of method, path and canonical body.
 * A request without a body (`undefined`) hashes like one with `{}`.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const canonical = canonicalJson(body ?? {});
  return createHash('sha256').update(`${method.toUpperCase()}\n${path}\n${canonical}`, 'utf8').digest('hex');
}
