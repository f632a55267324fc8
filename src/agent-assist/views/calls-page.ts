import { html, type Html } from '../../console/views/html';
import type { CallDisplay, CaptureDisplay, FieldDisplay } from '../call-display';
import { agentLayout } from './agent-layout';

export interface CallsView {
  agent: { name: string; extension: string };
  merchantName: string;
  calls: CallDisplay[];
  csrf: string;
  /** The result of the last action (an error of the desk), shown once. */
  flash?: string;
}

const csrfInput = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}" />`;
const callPath = (callId: string, action: string) => `/agent/calls/${encodeURIComponent(callId)}/${action}`;

/** The "ask again" form of one field; its template (below the calls) is what the script clones. */
function askAgainForm(callId: string, field: string, csrf: string): Html {
  return html`<form method="post" action="${callPath(callId, 'ask-again')}" class="ask-again">
    ${csrfInput(csrf)}<input type="hidden" name="field" value="${field}" /><button type="submit">Ask again</button>
  </form>`;
}

export function fieldRow(callId: string, f: FieldDisplay, csrf: string): Html {
  return html`<tr data-field="${f.field}">
    <th scope="row">${f.label}</th>
    <td class="value">${f.value}</td>
    <td class="check ${f.check}">${f.check}</td>
    <td>${f.askAgain ? askAgainForm(callId, f.field, csrf) : ''}</td>
  </tr>`;
}

function captureBlock(call: CallDisplay, capture: CaptureDisplay | undefined, csrf: string): Html {
  return html`<div class="capture" data-role="capture" ${capture ? '' : html`hidden`}>
    <p class="progress">
      Order <span data-role="order">${capture?.orderId}</span>: <span data-role="state">${capture?.stateText}</span>
    </p>
    <table class="fields">
      <tbody data-role="fields">
        ${capture?.fields.map((f) => fieldRow(call.callId, f, csrf))}
      </tbody>
    </table>
    <p class="result ${capture?.state ?? ''}" data-role="result" ${capture?.result ? '' : html`hidden`}>${capture?.result}</p>
    <form method="post" action="${callPath(call.callId, 'cancel')}" data-role="cancel" ${capture?.canCancel ? '' : html`hidden`}>
      ${csrfInput(csrf)}<button type="submit" class="cancel">Cancel</button>
    </form>
  </div>`;
}

function callSection(call: CallDisplay, csrf: string): Html {
  return html`<section class="call${call.ownLine ? ' own' : ''}" id="call-${call.callId}" data-call="${call.callId}">
    <h2>
      Caller ${call.caller}
      <span class="line">extension ${call.extension}${call.ownLine ? ' (yours)' : ''}</span>
    </h2>
    <p class="status${call.ended ? ' ended' : ''}" data-role="status">${call.status}</p>
    <form
      method="post"
      action="${callPath(call.callId, 'capture')}"
      class="start"
      data-role="start"
      ${call.canStart ? '' : html`hidden`}
    >
      ${csrfInput(csrf)}
      <label>Order id <input name="orderId" required maxlength="64" autocomplete="off" /></label>
      <button type="submit">Start capture</button>
    </form>
    ${captureBlock(call, call.capture, csrf)}
  </section>`;
}

/** The agent's page: its merchant's calls (its own extension's first), each with its capture's progress. */
export function callsPage(view: CallsView): Html {
  return agentLayout(
    'Agent desk',
    html`<header>
        <h1>ivrpay agent desk</h1>
        <p class="sub">${view.merchantName} · extension ${view.agent.extension}</p>
        <form method="post" action="/agent/logout" class="logout">
          ${csrfInput(view.csrf)} <span>${view.agent.name}</span>
          <button type="submit">Log out</button>
        </form>
      </header>
      ${view.flash ? html`<p class="flash" role="alert" id="flash">${view.flash}</p>` : ''}
      <p class="notice" id="new-calls" role="status" hidden>A new call is waiting: <a href="/agent">show it</a></p>
      <p class="notice" id="stream-status" role="status" hidden></p>
      <main id="calls">
        ${view.calls.length === 0 ? html`<p class="empty" id="no-calls">No calls right now. This page shows them as they come.</p>` : ''}
        ${view.calls.map((c) => callSection(c, view.csrf))}
      </main>
      <template id="ask-again-template">${askAgainForm('CALL', 'FIELD', view.csrf)}</template>`,
    { live: true },
  );
}
