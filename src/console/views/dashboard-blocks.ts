import type { Overview } from '../console-data';
import { beijingTime, duration, html, yuan, type Html } from './html';

export function callsBlock(calls: Overview['calls']): Html {
  return html`<section id="calls">
    <h2>Calls in progress <span class="count">${calls.length}</span></h2>
    ${
      calls.length === 0
        ? html`<p class="empty">No calls right now.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Order</th>
                <th>Merchant</th>
                <th>Mode</th>
                <th>Field reached</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              ${calls.map(
                (c) =>
                  html`<tr>
                    <td>${c.order ?? '—'}</td>
                    <td>${c.merchant ?? '—'}</td>
                    <td>${c.mode}</td>
                    <td>${c.field ?? '—'}</td>
                    <td>${duration(c.seconds)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function todayBlock(today: Overview['today']): Html {
  const rate = today.successRate === null ? '—' : `${(today.successRate * 100).toFixed(1)} %`;
  return html`<section id="today">
    <h2>Today's payments <span class="sub">${today.date}, Beijing</span></h2>
    <dl class="figures">
      <div>
        <dt>Attempts</dt>
        <dd>${today.attempts}</dd>
      </div>
      <div>
        <dt>Approved</dt>
        <dd>${today.approved} <span class="sub">${yuan(today.approvedAmount)}</span></dd>
      </div>
      <div>
        <dt>Declined</dt>
        <dd>${today.declined}</dd>
      </div>
      <div>
        <dt>Success rate</dt>
        <dd class="rate">${rate}</dd>
      </div>
      <div>
        <dt>Unresolved</dt>
        <dd>${today.unresolved}</dd>
      </div>
    </dl>
    <h3>Decline reasons</h3>
    ${
      today.declineReasons.length === 0
        ? html`<p class="empty">No declines today.</p>`
        : html`<table class="reasons">
            <tbody>
              ${today.declineReasons.map(
                (r) =>
                  html`<tr>
                    <td>${r.reason}</td>
                    <td>${r.count}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function chartBlock(): Html {
  return html`<section id="chart-block">
    <h2>Calls and payments per minute <span class="sub">last 3 hours, Beijing time</span></h2>
    <div id="chart" data-series="/console/api/series?hours=3"></div>
    <p class="empty" id="chart-status">Loading…</p>
  </section>`;
}

export function linesBlock(lines: Overview['lines'], callbacks: Overview['callbacks'], webhooks: Overview['webhooks']): Html {
  const inUse = lines.inbound + lines.outbound;
  return html`<section id="lines">
      <h2>Lines in use</h2>
      <p class="big">${inUse} <span class="sub">of ${lines.capacity}</span></p>
      <meter min="0" max="${lines.capacity}" value="${inUse}"></meter>
      <p class="sub">${lines.inbound} inbound, ${lines.outbound} outbound</p>
    </section>
    <section id="callbacks">
      <h2>Callbacks</h2>
      <dl class="figures">
        <div>
          <dt>Due now</dt>
          <dd>${callbacks.due}</dd>
        </div>
        <div>
          <dt>Dialling</dt>
          <dd>${callbacks.dialing}</dd>
        </div>
        <div>
          <dt>Later</dt>
          <dd>${callbacks.later}</dd>
        </div>
      </dl>
      ${callbacks.oldestDueAt ? html`<p class="sub">Oldest due since ${beijingTime(callbacks.oldestDueAt)}</p>` : ''}
    </section>
    <section id="webhooks">
      <h2>Webhook backlog</h2>
      <dl class="figures">
        <div>
          <dt>Pending</dt>
          <dd>${webhooks.pending}</dd>
        </div>
        <div>
          <dt>Due now</dt>
          <dd>${webhooks.due}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>${webhooks.failed}</dd>
        </div>
      </dl>
      ${webhooks.oldestPendingAt ? html`<p class="sub">Oldest pending since ${beijingTime(webhooks.oldestPendingAt)}</p>` : ''}
    </section>`;
}

export function unresolvedBlock(rows: Overview['unresolved'], csrf: string): Html {
  return html`<section id="unresolved">
    <h2>Unresolved payments <span class="count">${rows.length}</span></h2>
    ${
      rows.length === 0
        ? html`<p class="empty">None: every payment has the acquirer's final word.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Attempt</th>
                <th>Order</th>
                <th>Merchant</th>
                <th>Amount</th>
                <th>Card</th>
                <th>State</th>
                <th>Since</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.attemptId}</td>
                    <td>${r.orderId}</td>
                    <td>${r.merchant}</td>
                    <td>${yuan(r.amount)}</td>
                    <td>${r.card}</td>
                    <td class="state">${r.state}</td>
                    <td>${beijingTime(r.createdAt)}</td>
                    <td>
                      <form method="post" action="/console/attempts/${r.attemptId}/query">
                        <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">Query now</button>
                      </form>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
