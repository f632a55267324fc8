import { X509Certificate, verify } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../domain/app-error';
import { currentMerchant } from './merchant-auth';
import { rawBodyOf } from './raw-body';

/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
export const SIGNATURE_HEADER = 'X-Signature';

/** The bytes a merchant signs: `<t>.<METHOD>.<path and query as sent>.<raw body>`. */
export function signedPayload(t: string, method: string, path: string, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${t}.${method.toUpperCase()}.${path}.`, 'utf8'), rawBody]);
}

function refuse(message: string): never {
  throw new AppError('signature_invalid', message);
}

function checkSignature(req: Request, res: Response, pem: string, now: Date): void {
  const header = req.get(SIGNATURE_HEADER);
  if (!header) refuse(`this merchant signs its requests: ${SIGNATURE_HEADER} is required`);
  const match = /^t=(\d{1,12}),sig=([A-Za-z0-9+/]+={0,2})$/.exec(header.trim());
  if (!match) refuse(`${SIGNATURE_HEADER} must be t=<unix seconds>,sig=<base64>`);
  const [, t, sig] = match;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) {
    refuse(`${SIGNATURE_HEADER} timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from the server's clock`);
  }
  const certificate = new X509Certificate(pem);
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
    refuse("the merchant's signing certificate is not valid at this time");
  }
  const payload = signedPayload(t, req.method, req.originalUrl, rawBodyOf(res));
  if (!verify('sha256', payload, certificate.publicKey, Buffer.from(sig, 'base64'))) {
    refuse(`${SIGNATURE_HEADER} does not verify with the merchant's certificate`);
  }
}

/**
 * For merchants with a signing certificate: every request carries `X-Signature: t=<unix>,sig=<base64
 * RSA-SHA256>` over `signedPayload`; 401 `signature_invalid` otherwise. Runs after the body is read.
 */
export function requestSignature(now: () => Date): RequestHandler {
  return (req, res, next) => {
    const pem = currentMerchant(res).signingCertificate;
    if (pem) checkSignature(req, res, pem, now());
    next();
  };
}
