import type { AgentDesk, CaptureView, DeskEvent, FieldProgress } from '../../src/agent-assist/agent-desk';
import { AssistedCalls } from '../../src/agent-assist/assisted-calls';
import { createAssistDesk } from '../../src/agent-assist/assist-desk';
import type { CaptureEventType } from '../../src/agent-assist/capture-notifier';
import { AppError } from '../../src/domain/app-error';
import { banksByCode } from '../../src/domain/bin-table';
import { FakeCall, type FakeCallScript } from '../helpers/fake-call';
import { createFakeFlow, NOW, type FakeFlow, type FakeFlowOptions } from '../call/fake-flow-deps';

export const MERCHANT = 'mch_test';
export const OTHER_MERCHANT = 'mch_other';

export interface Notified {
  type: CaptureEventType;
  callId: string;
  capture: CaptureView;
  field?: FieldProgress;
}

export interface DeskFixture {
  desk: AgentDesk;
  calls: AssistedCalls;
  flow: FakeFlow;
  call: FakeCall;
  /** Every desk event the merchant's subscriber got, in order. */
  events: DeskEvent[];
  notified: Notified[];
  /** Resolves once the capture on the call has ended. */
  ended(): Promise<void>;
}

/**
 * A desk over the IVR's fake flow (test/call/fake-flow-deps.ts, the real BIN table and sandbox acquirer) with one
 * assisted call of MERCHANT, whose cardholder is a FakeCall; the order belongs to MERCHANT.
 */
export function deskFixture(script: FakeCallScript, flowOptions: FakeFlowOptions = {}): DeskFixture {
  const flow = createFakeFlow(flowOptions);
  const calls = new AssistedCalls(() => NOW);
  const notified: Notified[] = [];
  const desk = createAssistDesk({
    calls,
    findOrder: (merchantId, orderId) =>
      merchantId === MERCHANT && orderId === flow.order.id
        ? Promise.resolve({})
        : Promise.reject(new AppError('not_found', 'order not found')),
    flow: flow.deps,
    notifier: {
      notify: (type, callId, capture, field) => {
        notified.push({ type, callId, capture, ...(field ? { field } : {}) });
        return Promise.resolve();
      },
    },
    bankName: (code) => banksByCode().get(code)?.nameZh,
  });
  const call = new FakeCall({ id: 'chan-1', ...script });
  const events: DeskEvent[] = [];
  desk.subscribe(MERCHANT, (event) => events.push(event));
  const entry = calls.add(call, MERCHANT, '8001', '138****5678');
  return { desk, calls, flow, call, events, notified, ended: async () => entry.capture?.done };
}
