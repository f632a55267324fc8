import type { Html } from './html';
import { htmlDocument } from './html-document';

export const STATIC_PATH = '/console/static';

/** The page around every console view; a screen left open reloads itself every `refreshSeconds`. */
export function layout(title: string, body: Html, opts: { refreshSeconds?: number; chart?: boolean } = {}): Html {
  return htmlDocument(title, body, {
    stylesheets: [`${STATIC_PATH}/console.css`, ...(opts.chart ? [`${STATIC_PATH}/uPlot.min.css`] : [])],
    scripts: opts.chart ? [`${STATIC_PATH}/uPlot.iife.min.js`, `${STATIC_PATH}/console.js`] : [],
    refreshSeconds: opts.refreshSeconds,
  });
}
