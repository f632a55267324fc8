/** A count for every one of `keys` (0 when no row has it) from `GROUP BY key … COUNT(*)` rows. */
export function tally<K extends string>(keys: readonly K[], rows: { key: string; n?: number | string }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) if (keys.includes(row.key as K)) counts[row.key as K] = Number(row.n);
  return counts;
}
