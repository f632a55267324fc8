import path from 'node:path';
import { browserFilesDir } from '../lib/browser-files-dir';

/** The console's own browser files (console.js, console.css). */
export const CONSOLE_STATIC_DIR = browserFilesDir(__dirname, 'console.js');

/** uPlot's prebuilt files (uPlot.iife.min.js, uPlot.min.css), served as they are: no build chain. */
export const UPLOT_DIST_DIR = path.dirname(require.resolve('uplot'));
