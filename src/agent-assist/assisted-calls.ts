import type { CallPort } from '../call/call-port';
import type { AssistedCall, CaptureView, DeskEvent } from './agent-desk';

/** A capture running or ended on a call, as the desk drives it (src/agent-assist/capture-run.ts). */
export interface CaptureHandle {
  view(): CaptureView;
  /** Settles (never rejects) once the capture has ended and its order is released or paid. */
  readonly done: Promise<void>;
}

/** One assisted call: its public view, the cardholder's channel, and its current or last capture. */
export interface AssistedCallEntry {
  readonly call: CallPort;
  readonly merchantId: string;
  view: Omit<AssistedCall, 'capture'>;
  capture?: CaptureHandle;
  /** A capture is being set up (order claim): a second start is refused meanwhile. */
  starting: boolean;
}

/** How long an ended call stays in callsOf, so the agent still sees how it ended. */
export const ENDED_CALL_KEPT_MS = 5 * 60_000;

/**
 * The registry of agent-assisted calls, by the cardholder's channel id: what the desk reads and changes, and the
 * live events its readers subscribe to, each merchant seeing only its own calls.
 */
export class AssistedCalls {
  private readonly calls = new Map<string, AssistedCallEntry>();
  private readonly listeners = new Set<{ merchantId: string; listener: (event: DeskEvent) => void }>();

  constructor(private readonly now: () => Date) {}

  add(call: CallPort, merchantId: string, agentExtension: string, caller: string): AssistedCallEntry {
    this.prune();
    const view = { callId: call.id, merchantId, agentExtension, caller, startedAt: this.now().toISOString() };
    const entry: AssistedCallEntry = { call, merchantId, view, starting: false };
    this.calls.set(call.id, entry);
    this.emit(entry, 'call.started');
    return entry;
  }

  /** This merchant's call, ended or not; undefined for another merchant's. */
  get(merchantId: string, callId: string): AssistedCallEntry | undefined {
    const entry = this.calls.get(callId);
    return entry?.merchantId === merchantId ? entry : undefined;
  }

  /** Tells subscribers the call's current view (a capture's progress). */
  changed(entry: AssistedCallEntry): void {
    this.emit(entry, 'call.updated');
  }

  end(entry: AssistedCallEntry): void {
    if (entry.view.endedAt !== undefined) return;
    entry.view = { ...entry.view, endedAt: this.now().toISOString() };
    this.emit(entry, 'call.ended');
  }

  callsOf(merchantId: string): AssistedCall[] {
    this.prune();
    return [...this.calls.values()]
      .filter((entry) => entry.merchantId === merchantId)
      .map((entry) => viewOf(entry))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  subscribe(merchantId: string, listener: (event: DeskEvent) => void): () => void {
    const subscription = { merchantId, listener };
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  private emit(entry: AssistedCallEntry, type: DeskEvent['type']): void {
    for (const { merchantId, listener } of this.listeners) {
      if (merchantId === entry.merchantId) listener({ type, call: viewOf(entry) });
    }
  }

  private prune(): void {
    const oldest = this.now().getTime() - ENDED_CALL_KEPT_MS;
    for (const [id, entry] of this.calls) {
      if (entry.view.endedAt !== undefined && Date.parse(entry.view.endedAt) < oldest) this.calls.delete(id);
    }
  }
}

function viewOf(entry: AssistedCallEntry): AssistedCall {
  return { ...entry.view, ...(entry.capture ? { capture: entry.capture.view() } : {}) };
}
