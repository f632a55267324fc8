/**
 * What keeps card and holder data out of log lines (docs/reference/security.md §1): values under sensitive
 * key names are replaced at any depth, whatever the key's case or separators, and any run of 13–19 digits that
 * could be a card number is masked to BIN + last 4 wherever it stands in the written line (a URL, a message,
 * an error's text). Key names alone are not enough: a number quoted in a path or a message has no key.
 */

/** Key names, lower-cased without `_` or `-`, whose values are never written. */
const SENSITIVE_KEYS = new Set([
  'pan',
  'cardnumber',
  'cardno',
  'accno',
  'cvn2',
  'cvv',
  'cvc',
  'pin',
  'pinblock',
  'expiry',
  'expirymmyy',
  'digits',
  'idnumber',
  'certifid',
  'customerinfo',
  'mobile',
  'phoneno',
  'smscode',
  'apikey',
  'authorization',
]);

export const REDACTED = '[redacted]';

/** Beyond this depth a logged object is cut: log objects are shallow, and a deep one must not cost the stack. */
const MAX_DEPTH = 8;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * A copy of a log object with sensitive keys' values replaced, at any depth up to MAX_DEPTH. Errors and other
 * class instances are kept as they are for pino's serializers (their text is masked by `maskPanLike`).
 */
export function redactKeys(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isSensitiveKey(key)) copy[key] = REDACTED;
    else if (depth >= MAX_DEPTH && isPlain(v)) copy[key] = '[too deep]';
    else if (Array.isArray(v)) copy[key] = (v as unknown[]).map((item) => (isPlain(item) ? redactKeys(item, depth + 1) : item));
    else if (isPlain(v)) copy[key] = redactKeys(v, depth + 1);
    else copy[key] = v;
  }
  return copy;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Runs of 13–19 digits standing alone: not inside a longer run, and not glued to an ASCII letter, as digits
 * inside our random ids are (`ord_3f1234567890123456ab`, the acquirer's `att5f0c…` orderIds), which are no card
 * numbers and must stay readable. The acquirer's 21-digit serials are longer; a 14-digit YYYYMMDDhhmmss (ACP's
 * txnTime, starting 19 or 20: no card number of 14 digits does) and a 13-digit epoch in milliseconds (starting 1)
 * are kept, as no card scheme issues numbers of those lengths there.
 */
const DIGIT_RUN = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;

export function maskPanLike(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    if (/^(19|20)\d{12}$/.test(run) || /^1\d{12}$/.test(run)) return run;
    return `${run.slice(0, 6)}${'*'.repeat(run.length - 10)}${run.slice(-4)}`;
  });
}
