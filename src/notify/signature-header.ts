import { createHmac } from 'node:crypto';

/** `v1`: hex HMAC-SHA256 of `"<t>.<raw body>"` under one webhook secret. */
export function signatureV1(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

/**
 * The `Ivrpay-Signature` header: `t=<unix seconds>,v1=<hex>`, one `v1` per active secret (two while a
 * merchant rotates), so a receiver that knows either secret can verify.
 */
export function signatureHeader(secrets: string[], timestamp: number, rawBody: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signatureV1(s, timestamp, rawBody)}`)].join(',');
}
