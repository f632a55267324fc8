import { randomBytes } from 'node:crypto';

/** Rows leased by one claim (notifications, SMS, callbacks): only the holder of `leaseToken` may record their outcome. */
export interface LeaseClaim<Row> {
  rows: Row[];
  leaseToken: string;
}

export function newLeaseToken(): string {
  return randomBytes(12).toString('hex');
}
