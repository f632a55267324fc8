import { SHANGHAI_OFFSET_MS } from './shanghai-date';

/** The wall-clock time in Asia/Shanghai at `instant`, as YYYYMMDDhhmmss (UnionPay's form, whatever the machine's TZ). */
export function shanghaiTimestamp(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}
