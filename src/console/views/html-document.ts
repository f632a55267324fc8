import { html, type Html } from './html';

export interface DocumentAssets {
  /** Stylesheets and scripts of this origin: the pages' CSP allows no inline style or script. */
  stylesheets: string[];
  scripts: string[];
  /** Reloads the page this often (a meta refresh, not a script). */
  refreshSeconds?: number;
}

/** The HTML document around a page's body (the console's, the agent page's). */
export function htmlDocument(title: string, body: Html, assets: DocumentAssets): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${assets.refreshSeconds ? html`<meta http-equiv="refresh" content="${assets.refreshSeconds}" />` : ''}
        <title>${title} · ivrpay</title>
        <link rel="icon" href="data:," />
        ${assets.stylesheets.map((href) => html`<link rel="stylesheet" href="${href}" />`)}
        ${assets.scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        ${body}
      </body>
    </html> `;
}

/** A login form posting name, password and the session's token to `action`; `error` after a refused attempt. */
export function loginForm(action: string, nameLabel: string, opts: { csrf: string; error?: string; name?: string }): Html {
  return html`${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
    <form method="post" action="${action}">
      <input type="hidden" name="_csrf" value="${opts.csrf}" />
      <label>${nameLabel} <input name="name" autocomplete="username" required value="${opts.name ?? ''}" /></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">Log in</button>
    </form>`;
}
