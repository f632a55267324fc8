/** Where `seq` first appears as a contiguous run in `list`, or -1. */
export function indexOfSequence<T>(list: readonly T[], seq: readonly T[]): number {
  for (let i = 0; i + seq.length <= list.length; i++) {
    if (seq.every((item, j) => list[i + j] === item)) return i;
  }
  return -1;
}
