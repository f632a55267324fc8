/** `name='value'` lines a bash script reads with `eval`: each value single-quoted, so nothing in it expands. */
export function shellAssignments(vars: Record<string, string | number>): string {
  return Object.entries(vars)
    .map(([name, value]) => `${name}='${String(value).replace(/'/g, `'\\''`)}'\n`)
    .join('');
}
