type Cell = string | number | undefined;

/** Plain aligned columns for a terminal; a missing value shows as `-`. */
export function formatTable<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((row) => columns.map((c) => String((row[c] as Cell) ?? '-')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n') + '\n';
}
