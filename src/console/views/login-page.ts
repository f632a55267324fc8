import { html, type Html } from './html';
import { loginForm } from './html-document';
import { layout } from './layout';

/** The login form; `error` after a refused attempt (never saying whether the name exists). */
export function loginPage(opts: { csrf: string; error?: string; name?: string }): Html {
  return layout(
    'Operator login',
    html`<main class="login">
      <h1>ivrpay operator console</h1>
      ${loginForm('/console/login', 'Operator', opts)}
      <p class="hint">No login yet? <code>npm run admin -- operator create --name &lt;name&gt;</code> prints one.</p>
    </main>`,
  );
}
