import { html, type Html } from '../../console/views/html';
import { htmlDocument, loginForm } from '../../console/views/html-document';

export const AGENT_STATIC_PATH = '/agent/static';

/**
 * The page around every agent view: the console's stylesheet (served here too) and its own, and its script where
 * the page follows calls live.
 */
export function agentLayout(title: string, body: Html, opts: { live?: boolean } = {}): Html {
  return htmlDocument(title, body, {
    stylesheets: [`${AGENT_STATIC_PATH}/console.css`, `${AGENT_STATIC_PATH}/agent.css`],
    scripts: opts.live ? [`${AGENT_STATIC_PATH}/agent.js`] : [],
  });
}

/** The login form; `error` after a refused attempt (never saying whether the name exists). */
export function agentLoginPage(opts: { csrf: string; error?: string; name?: string }): Html {
  return agentLayout(
    'Agent login',
    html`<main class="login">
      <h1>ivrpay agent desk</h1>
      ${loginForm('/agent/login', 'Agent', opts)}
      <p class="hint">Your administrator creates your login (<code>npm run admin -- agent create</code>).</p>
    </main>`,
  );
}

export function agentMessagePage(title: string, text: string): Html {
  return agentLayout(
    title,
    html`<main class="login">
      <h1>${title}</h1>
      <p>${text}</p>
      <p><a href="/agent">Back to the agent desk</a></p>
    </main>`,
  );
}
