/** Faults that happened (not only planned), by kind: what `npm run chaos` prints. */
export type Tally = Map<string, number>;

export function count(tally: Tally, kind: string, n = 1): void {
  tally.set(kind, (tally.get(kind) ?? 0) + n);
}

export function addAll(into: Tally, from: Tally): void {
  for (const [kind, n] of from) count(into, kind, n);
}
