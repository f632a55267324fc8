import type { EventEmitter } from 'node:events';
import type { ReadinessCheck } from './readiness';

export interface AriConnectionCheck {
  check: ReadinessCheck;
  /**
   * Follows the Stasis app's 'disconnected' and 'reconnected' events; called once the app has started,
   * which it does only connected. `onChange` hears every change (to check readiness at once).
   */
  attach(events: EventEmitter, onChange?: () => void, servers?: () => { server: string; connected: boolean }[]): void;
}

/** ARI is connected: calls can reach the Stasis app. Not connected until the app has started. */
export function createAriConnectionCheck(now: () => Date): AriConnectionCheck {
  let connected = false;
  let since = now();
  let serversOf: (() => { server: string; connected: boolean }[]) | undefined;
  const set = (value: boolean) => {
    connected = value;
    since = now();
  };
  return {
    check: {
      name: 'ari',
      run: () =>
        Promise.resolve({
          ok: connected,
          state: connected ? 'connected' : 'disconnected',
          since: since.toISOString(),
          // With several Asterisk servers (ARI_SERVERS): connected while any is, each one's state alongside.
          ...(serversOf
            ? { servers: Object.fromEntries(serversOf().map((s) => [s.server, s.connected ? 'connected' : 'disconnected'])) }
            : {}),
        }),
    },
    attach(events, onChange, servers) {
      serversOf = servers;
      set(true);
      events.on('disconnected', () => {
        set(false);
        onChange?.();
      });
      events.on('reconnected', () => {
        set(true);
        onChange?.();
      });
    },
  };
}
