import { randomFillSync } from 'node:crypto';

const ID_BYTES = 10;
/**
 * Random bytes are drawn 4 KiB at a time (as Node does for randomUUID and randomInt): `randomBytes(10)` for each
 * id cost about 8 µs, a call into OpenSSL each time, for every order the API creates (bench:api).
 */
const pool = Buffer.alloc(4096 - (4096 % ID_BYTES));
let used = pool.length;

/** A random, unguessable id with a type prefix, e.g. `ord_5f0c…` (80 bits). */
export function newId(prefix: string): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + ID_BYTES);
  used += ID_BYTES;
  return `${prefix}_${hex}`;
}
