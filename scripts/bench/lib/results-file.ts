import fs from 'node:fs';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');

/** Writes bench/results/<name>.json (pretty, so a diff of two runs reads well) and returns its path. */
export function writeResults(name: string, figures: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}
