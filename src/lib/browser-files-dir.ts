import fs from 'node:fs';
import path from 'node:path';

/**
 * The `static` folder of a page's own browser files (scripts, styles) beside the module in `moduleDir`: there under
 * tsx; when the build runs (dist/src/<folder>), tsc copied none of them, so they are read from the source tree it
 * was built from. `probe` is a file that must be in it.
 */
export function browserFilesDir(moduleDir: string, probe: string): string {
  const besideModule = path.join(moduleDir, 'static');
  const inSource = path.resolve(moduleDir, '..', '..', '..', 'src', path.basename(moduleDir), 'static');
  return [besideModule, inSource].find((dir) => fs.existsSync(path.join(dir, probe))) ?? besideModule;
}
