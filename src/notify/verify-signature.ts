import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a merchant checks an ivrpay notification; self-contained so it can be copied as it is.
 *
 *   const ok = verifyIvrpaySignature(rawBody, req.headers['ivrpay-signature'], process.env.IVRPAY_WEBHOOK_SECRET);
 *
 * `rawBody` must be the bytes received, not JSON re-serialised. The header is `t=<unix>,v1=<hex>[,v1=<hex>]`;
 * any `v1` matching HMAC-SHA256(secret, "<t>.<rawBody>") passes, if `t` is within `toleranceSeconds` of now
 * (older: a replay; newer: a clock far off). Then deduplicate on the `Ivrpay-Event-Id` header.
 */
export function verifyIvrpaySignature(
  rawBody: string | Buffer,
  header: string | string[] | undefined,
  secret: string,
  opts: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  if (typeof header !== 'string' || !secret) return false;
  const tolerance = opts.toleranceSeconds ?? 300;
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);

  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === undefined || Math.abs(now - timestamp) > tolerance) return false;

  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex'), 'utf8');
  // timingSafeEqual throws on unequal lengths, so lengths are checked first (they reveal nothing secret).
  return signatures.some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
