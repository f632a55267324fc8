import fs from 'node:fs';
import path from 'node:path';

/**
 * The console's own browser files (console.js, console.css): beside this file under tsx; when the build runs
 * (dist/src/console), tsc copied none of them, so they are read from the source tree it was built from.
 */
export const CONSOLE_STATIC_DIR =
  [path.join(__dirname, 'static'), path.resolve(__dirname, '..', '..', '..', 'src', 'console', 'static')].find((dir) =>
    fs.existsSync(path.join(dir, 'console.js')),
  ) ?? path.join(__dirname, 'static');

/** uPlot's prebuilt files (uPlot.iife.min.js, uPlot.min.css), served as they are: no build chain. */
export const UPLOT_DIST_DIR = path.dirname(require.resolve('uplot'));
