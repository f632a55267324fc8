import { AppError } from '../domain/app-error';
import type { AgentDesk } from './agent-desk';
import type { AssistedCalls } from './assisted-calls';

/**
 * The desk as the agent page and the API see it from the moment the HTTP server listens: calls and live events from
 * the registry at once, actions once the desk itself is wired (after the acquirer starts), `unavailable` before.
 */
export function deskWhenReady(calls: AssistedCalls, desk: () => AgentDesk | undefined): AgentDesk {
  const ready = (): AgentDesk => {
    const wired = desk();
    if (!wired) throw new AppError('unavailable', 'starting up: try again in a few seconds');
    return wired;
  };
  return {
    callsOf: (merchantId) => calls.callsOf(merchantId),
    subscribe: (merchantId, listener) => calls.subscribe(merchantId, listener),
    startCapture: async (...args) => ready().startCapture(...args),
    askAgain: async (...args) => ready().askAgain(...args),
    cancel: async (...args) => ready().cancel(...args),
  };
}
