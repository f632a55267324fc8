import { html, type Html } from './html';
import { layout } from './layout';

/** The login form; `error` after a refused attempt (never saying whether the name exists). */
export function loginPage(opts: { csrf: string; error?: string; name?: string }): Html {
  return layout(
    'Operator login',
    html`<main class="login">
      <h1>ivrpay operator console</h1>
      ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
      <form method="post" action="/console/login">
        <input type="hidden" name="_csrf" value="${opts.csrf}" />
        <label>Operator <input name="name" autocomplete="username" required value="${opts.name ?? ''}" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">Log in</button>
      </form>
      <p class="hint">No login yet? <code>npm run admin -- operator create --name &lt;name&gt;</code> prints one.</p>
    </main>`,
  );
}
