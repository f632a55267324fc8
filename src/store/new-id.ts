import { randomBytes } from 'node:crypto';

/** A random, unguessable id with a type prefix, e.g. `ord_5f0c…` (80 bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
