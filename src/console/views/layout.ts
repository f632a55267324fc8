import { html, type Html } from './html';

export const STATIC_PATH = '/console/static';

/**
 * The page around every view. No inline script or style (the console's CSP allows only its own files); the page
 * reloads itself every `refreshSeconds` (a meta refresh, not a script) so a screen left open stays current.
 */
export function layout(title: string, body: Html, opts: { refreshSeconds?: number; chart?: boolean } = {}): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${opts.refreshSeconds ? html`<meta http-equiv="refresh" content="${opts.refreshSeconds}" />` : ''}
        <title>${title} · ivrpay</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${STATIC_PATH}/console.css" />
        ${opts.chart ? html`<link rel="stylesheet" href="${STATIC_PATH}/uPlot.min.css" />` : ''}
        ${opts.chart ? html`<script src="${STATIC_PATH}/uPlot.iife.min.js" defer></script>` : ''}
        ${opts.chart ? html`<script src="${STATIC_PATH}/console.js" defer></script>` : ''}
      </head>
      <body>
        ${body}
      </body>
    </html> `;
}
