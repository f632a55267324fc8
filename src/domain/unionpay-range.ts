import binData from './bin-data.json';

/**
 * UnionPay issues on 62 and the newer 81 ranges (810, 8110–8171); older domestic cards use 60…
 * and 9… BINs, accepted only where the bundled BIN data knows them (docs/reference/unionpay-acp.md §9).
 */
export function isUnionPayRange(pan: string, legacyPrefixes: readonly string[] = binData.legacyPrefixes): boolean {
  if (pan.startsWith('62')) return true;
  if (pan.startsWith('810')) return true;
  const four = Number(pan.slice(0, 4));
  if (pan.length >= 4 && four >= 8110 && four <= 8171) return true;
  return legacyPrefixes.some((prefix) => pan.startsWith(prefix));
}
