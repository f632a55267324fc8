import type { EventEmitter } from 'node:events';

/** A call in progress as the console shows it: ids and names only, never a key pressed. */
export interface LiveCall {
  callId: string;
  startedAt: Date;
  /** 'inbound' or 'callback', from the Stasis arguments. */
  mode: string;
  /** The last field the caller was asked for (e.g. 'card', 'pin'); undefined before the first. */
  field?: string;
}

export interface LiveCalls {
  /** Oldest first. */
  list(): LiveCall[];
  /** Follows a Stasis app's 'call-start', 'collect' and 'call-end' events (src/ari/stasis-app.ts). */
  follow(events: EventEmitter): void;
}

/** The calls in progress, kept from the Stasis app's events: nothing is stored, a restart starts empty. */
export function createLiveCalls(now: () => Date): LiveCalls {
  const calls = new Map<string, LiveCall>();
  return {
    list: () => [...calls.values()],
    follow(events) {
      events.on('call-start', (e: { callId: string; args?: string[] }) => {
        // Only the mode: the next argument of an inbound call is the pay code the dialplan passed.
        calls.set(e.callId, { callId: e.callId, startedAt: now(), mode: e.args?.[0] === 'callback' ? 'callback' : 'inbound' });
      });
      events.on('collect', (e: { callId: string; field: string }) => {
        const call = calls.get(e.callId);
        if (call) call.field = e.field;
      });
      events.on('call-end', (e: { callId: string }) => {
        calls.delete(e.callId);
      });
      // A lost connection aborts every call; their 'call-end' follows, so nothing else to do here.
    },
  };
}
