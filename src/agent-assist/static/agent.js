// The agent page's only script (the CSP allows no inline script). It follows the merchant's calls over
// /agent/events and puts each call's texts, as the server made them, into its section: textContent only, never
// markup from the data. Without it the page still works, reloaded by hand.
'use strict';

(function () {
  const calls = document.getElementById('calls');
  const template = document.getElementById('ask-again-template');
  const newCalls = document.getElementById('new-calls');
  const streamStatus = document.getElementById('stream-status');
  if (!calls || !template || typeof EventSource === 'undefined') return;

  const part = (section, role) => section.querySelector(`[data-role="${role}"]`);
  const show = (element, visible) => {
    element.hidden = !visible;
  };

  function askAgainForm(callId, field) {
    const form = template.content.querySelector('form').cloneNode(true);
    form.setAttribute('action', `/agent/calls/${encodeURIComponent(callId)}/ask-again`);
    form.querySelector('input[name="field"]').value = field;
    return form;
  }

  function cell(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    return element;
  }

  function fieldRow(callId, field) {
    const row = document.createElement('tr');
    row.dataset.field = field.field;
    const label = cell('th', '', field.label);
    label.scope = 'row';
    const action = document.createElement('td');
    if (field.askAgain) action.appendChild(askAgainForm(callId, field.field));
    row.append(label, cell('td', 'value', field.value), cell('td', `check ${field.check}`, field.check), action);
    return row;
  }

  function update(section, call) {
    const status = part(section, 'status');
    status.textContent = call.status;
    status.classList.toggle('ended', call.ended);
    show(part(section, 'start'), call.canStart);
    const capture = call.capture;
    show(part(section, 'capture'), Boolean(capture));
    if (!capture) return;
    part(section, 'order').textContent = capture.orderId;
    part(section, 'state').textContent = capture.stateText;
    part(section, 'fields').replaceChildren(...capture.fields.map((field) => fieldRow(call.callId, field)));
    const result = part(section, 'result');
    result.textContent = capture.result || '';
    result.className = `result ${capture.state}`;
    show(result, Boolean(capture.result));
    show(part(section, 'cancel'), capture.canCancel);
  }

  const source = new EventSource('/agent/events');
  source.addEventListener('call', (event) => {
    const call = JSON.parse(event.data);
    const section = document.getElementById(`call-${call.callId}`);
    if (section) update(section, call);
    else if (!call.ended) show(newCalls, true);
  });
  source.addEventListener('open', () => show(streamStatus, false));
  source.addEventListener('error', () => {
    // The browser reconnects by itself; once the session is over the stream is refused and stays closed.
    streamStatus.textContent =
      source.readyState === EventSource.CLOSED
        ? 'Live updates stopped: reload the page (you may need to log in again).'
        : 'Reconnecting…';
    show(streamStatus, true);
  });
})();
