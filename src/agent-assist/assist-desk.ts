import { randomUUID } from 'node:crypto';
import type { CallOrder, PaymentFlowDeps } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import { errorSummary } from '../log/error-summary';
import type { AgentDesk, CaptureField, FieldProgress } from './agent-desk';
import type { AssistedCallEntry, AssistedCalls } from './assisted-calls';
import { CaptureCall, CaptureInterrupted } from './capture-call';
import type { CaptureNotifier } from './capture-notifier';
import { captureCardLookup, captureFieldObserver } from './capture-observers';
import { CaptureProgress } from './capture-progress';
import { runCapture } from './run-capture';

export interface AssistDeskDeps {
  calls: AssistedCalls;
  /** The merchant's own order, or AppError not_found (OrderService.getOrder): checked before any claim. */
  findOrder(merchantId: string, orderId: string): Promise<unknown>;
  /** The IVR's dependencies: the same claim, card lookup, payments, settings and metrics. */
  flow: PaymentFlowDeps;
  notifier: CaptureNotifier;
  /** The bank's name the agent sees beside the masked card number. */
  bankName(code: string): string | undefined;
  newId?: () => string;
}

/** A capture the desk runs: its progress, its cardholder channel (to interrupt), and its end. */
interface RunningCapture {
  progress: CaptureProgress;
  call: CaptureCall;
  done: Promise<void>;
}

/** The agent-assist service (src/agent-assist/agent-desk.ts): captures on the assisted calls of `calls`. */
export function createAssistDesk(deps: AssistDeskDeps): AgentDesk {
  const newId = deps.newId ?? (() => `cap_${randomUUID().replace(/-/g, '').slice(0, 20)}`);
  const running = new Map<string, RunningCapture>();

  function callOf(merchantId: string, callId: string): AssistedCallEntry {
    const entry = deps.calls.get(merchantId, callId);
    if (!entry) throw new AppError('not_found', 'call not found');
    return entry;
  }

  /** The capture running on this call, for askAgain and cancel: before the payment is submitted only. */
  function collecting(entry: AssistedCallEntry): RunningCapture {
    const capture = running.get(entry.call.id);
    if (!capture || capture.progress.state === 'submitting') {
      throw new AppError('conflict', capture ? 'the payment is already submitted' : 'no capture is running on this call');
    }
    return capture;
  }

  async function startCapture(merchantId: string, callId: string, orderId: string) {
    const entry = callOf(merchantId, callId);
    if (entry.view.endedAt !== undefined) throw new AppError('conflict', 'the call has ended');
    if (entry.starting || running.has(callId)) throw new AppError('conflict', 'a capture already runs on this call');
    entry.starting = true;
    try {
      await deps.findOrder(merchantId, orderId);
      if (entry.call.signal.aborted) throw new AppError('conflict', 'the call has ended');
      const claim = await deps.flow.orders.claimById(orderId, callId);
      if (!claim.ok) throw new AppError('order_not_payable', `the order cannot be paid now (${claim.reason})`);
      return start(entry, claim.order).progress.view();
    } finally {
      entry.starting = false;
    }
  }

  function start(entry: AssistedCallEntry, order: CallOrder): RunningCapture {
    const callId = entry.call.id;
    const log = deps.flow.log.child({ callId, orderId: order.id, source: 'agent-assist' });
    // Webhooks one after the other, so an integration receives them in the order they happened.
    let sent = Promise.resolve();
    const notify = (...args: Parameters<CaptureNotifier['notify']>) => {
      sent = sent
        .then(() => deps.notifier.notify(...args))
        .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'capture webhook not queued'));
    };
    const progress = new CaptureProgress(newId(), order.id, (field?: FieldProgress) => {
      deps.calls.changed(entry);
      if (field && (field.state === 'valid' || field.state === 'invalid')) {
        notify('capture.field_completed', callId, progress.view(), field);
      }
    });
    const call = new CaptureCall(entry.call, progress);
    call.language = order.language ?? call.language;
    const flow = {
      ...deps.flow,
      cards: captureCardLookup(deps.flow.cards, progress, (code) => deps.bankName(code)),
      fields: captureFieldObserver(progress, deps.flow.fields),
      log,
    };
    log.info({ captureId: progress.captureId }, 'capture started');

    // Registered before it runs: the first keys may be in already (typed ahead).
    let finished = () => {};
    const capture: RunningCapture = { progress, call, done: new Promise<void>((resolve) => (finished = resolve)) };
    running.set(callId, capture);
    entry.capture = { view: () => progress.view(), done: capture.done };
    deps.calls.changed(entry);
    void runCapture({ call, deps: flow, log, orderId: order.id }, order, progress).then(async () => {
      running.delete(callId);
      deps.calls.changed(entry);
      const view = progress.view();
      notify(view.state === 'paid' ? 'capture.completed' : 'capture.failed', callId, view);
      log.info({ captureId: progress.captureId, state: view.state, reason: view.reason }, 'capture ended');
      await sent;
      finished();
    });
    return capture;
  }

  return {
    callsOf: (merchantId) => deps.calls.callsOf(merchantId),
    startCapture,
    // eslint-disable-next-line @typescript-eslint/require-await -- async so that every refusal is a rejection
    async askAgain(merchantId, callId, field: CaptureField) {
      const capture = collecting(callOf(merchantId, callId));
      if (field === 'sms-code' || !capture.progress.asked(field)) {
        throw new AppError('validation_failed', 'the request has invalid fields', {
          field: field === 'sms-code' ? 'an SMS code cannot be asked again: cancel and start again' : 'not asked yet',
        });
      }
      capture.call.interrupt(new CaptureInterrupted('ask-again', field));
    },
    async cancel(merchantId, callId) {
      const capture = collecting(callOf(merchantId, callId));
      capture.call.interrupt(new CaptureInterrupted('cancel'));
      await capture.done;
    },
    subscribe: (merchantId, listener) => deps.calls.subscribe(merchantId, listener),
  };
}
