import { AppError } from '../../src/domain/app-error';
import type {
  AgentDesk,
  AssistedCall,
  CaptureField,
  CaptureView,
  DeskEvent,
  FieldProgress,
} from '../../src/agent-assist/agent-desk';

interface FakeOrder {
  merchantId: string;
  payable: boolean;
}

/**
 * An in-memory AgentDesk keeping the contract's rules (src/agent-assist/agent-desk.ts): every method scoped to one
 * merchant (another's call is not_found), one capture at a time on a live call, and events to that merchant's
 * subscribers only. Tests drive the cardholder's side with `call`, `progress` and `end`.
 */
export class FakeAgentDesk implements AgentDesk {
  readonly calls = new Map<string, AssistedCall>();
  readonly orders = new Map<string, FakeOrder>();
  readonly asked: { callId: string; field: CaptureField }[] = [];
  readonly #listeners = new Set<{ merchantId: string; listener: (event: DeskEvent) => void }>();
  #captures = 0;

  /** How many listeners are subscribed now (an ended stream unsubscribes). */
  get subscribers(): number {
    return this.#listeners.size;
  }

  callsOf(merchantId: string): AssistedCall[] {
    return [...this.calls.values()].filter((c) => c.merchantId === merchantId).reverse();
  }

  startCapture(merchantId: string, callId: string, orderId: string): Promise<CaptureView> {
    const call = this.#callOf(merchantId, callId);
    const order = this.orders.get(orderId);
    if (!order || order.merchantId !== merchantId) throw new AppError('not_found', `no order ${orderId}`);
    if (call.endedAt || call.capture?.state === 'collecting' || call.capture?.state === 'submitting') {
      throw new AppError('conflict', 'a capture runs on this call, or it has ended');
    }
    if (!order.payable) throw new AppError('order_not_payable', `order ${orderId} is not payable`);
    const capture: CaptureView = {
      captureId: `cap_${++this.#captures}`,
      orderId,
      state: 'collecting',
      fields: [{ field: 'card', state: 'asking' }],
    };
    this.#emit('call.updated', { ...call, capture });
    return Promise.resolve(capture);
  }

  askAgain(merchantId: string, callId: string, field: CaptureField): Promise<void> {
    const call = this.#callOf(merchantId, callId);
    if (!call.capture?.fields.some((f) => f.field === field)) throw new AppError('validation_failed', `${field} was never asked`);
    this.asked.push({ callId, field });
    this.progress(callId, { field, state: 'asking' });
    return Promise.resolve();
  }

  cancel(merchantId: string, callId: string): Promise<void> {
    const call = this.#callOf(merchantId, callId);
    if (call.capture?.state !== 'collecting') throw new AppError('conflict', 'no capture to cancel');
    this.finish(callId, 'cancelled', 'cancelled_by_agent');
    return Promise.resolve();
  }

  subscribe(merchantId: string, listener: (event: DeskEvent) => void): () => void {
    const entry = { merchantId, listener };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  /** A cardholder's call ringing `extension`. */
  call(callId: string, merchantId: string, extension: string, caller = '138****5678'): void {
    this.#emit('call.started', { callId, merchantId, agentExtension: extension, caller, startedAt: '2026-03-02T03:58:00.000Z' });
  }

  /** A field's progress: replaces the field's entry, or adds it after the others. */
  progress(callId: string, progress: FieldProgress): void {
    const call = this.#get(callId);
    const capture = call.capture as CaptureView;
    const fields = capture.fields.some((f) => f.field === progress.field)
      ? capture.fields.map((f) => (f.field === progress.field ? progress : f))
      : [...capture.fields, progress];
    this.#emit('call.updated', { ...call, capture: { ...capture, fields } });
  }

  finish(callId: string, state: CaptureView['state'], reason?: string): void {
    const call = this.#get(callId);
    this.#emit('call.updated', { ...call, capture: { ...(call.capture as CaptureView), state, ...(reason ? { reason } : {}) } });
  }

  /** The cardholder hangs up. */
  end(callId: string): void {
    this.#emit('call.ended', { ...this.#get(callId), endedAt: '2026-03-02T04:05:00.000Z' });
  }

  #get(callId: string): AssistedCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`the test has no call ${callId}`);
    return call;
  }

  #callOf(merchantId: string, callId: string): AssistedCall {
    const call = this.calls.get(callId);
    if (!call || call.merchantId !== merchantId) throw new AppError('not_found', `no call ${callId}`);
    return call;
  }

  #emit(type: DeskEvent['type'], call: AssistedCall): void {
    this.calls.set(call.callId, call);
    for (const { merchantId, listener } of this.#listeners) if (merchantId === call.merchantId) listener({ type, call });
  }
}
