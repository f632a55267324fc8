import type { Reachability } from '../acquirer/acquirer-reachability';
import type { ReadinessCheck } from './readiness';

/** The acquirer answers a connection; `reachability` is undefined until the acquirer is wired (start-up). */
export function acquirerCheck(reachability: () => (() => Promise<Reachability>) | undefined): ReadinessCheck {
  return {
    name: 'acquirer',
    async run() {
      const probe = reachability();
      if (!probe) return { ok: false, state: 'starting' };
      const { ok, ...detail } = await probe();
      return { ok, state: ok ? 'reachable' : 'unreachable', ...detail };
    },
  };
}
