import type { Overview } from '../console-data';
import { callsBlock, chartBlock, linesBlock, todayBlock, unresolvedBlock } from './dashboard-blocks';
import { beijingTime, html, type Html } from './html';
import { layout } from './layout';

export interface DashboardView {
  overview: Overview;
  operator: string;
  csrf: string;
  /** The result of the last action (a query), shown once. */
  flash?: string;
  refreshSeconds: number;
}

export function dashboardPage(view: DashboardView): Html {
  const { overview } = view;
  return layout(
    'Console',
    html`<header>
        <h1>ivrpay operator console</h1>
        <p class="sub">as of ${beijingTime(overview.at)} Beijing</p>
        <form method="post" action="/console/logout" class="logout">
          <input type="hidden" name="_csrf" value="${view.csrf}" /> <span>${view.operator}</span>
          <button type="submit">Log out</button>
        </form>
      </header>
      ${view.flash ? html`<p class="flash" role="status" id="flash">${view.flash}</p>` : ''}
      <main class="grid">
        ${callsBlock(overview.calls)} ${todayBlock(overview.today)}
        ${linesBlock(overview.lines, overview.callbacks, overview.webhooks)} ${chartBlock()}
        ${unresolvedBlock(overview.unresolved, view.csrf)}
      </main>`,
    { refreshSeconds: view.refreshSeconds, chart: true },
  );
}
