/** A GitHub-flavoured markdown table; numbers right-aligned. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  const rule = `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Rounds for a table: integers stay integers, the rest get `digits` decimals. */
export function fixed(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
