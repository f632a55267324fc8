import type { ServiceDeps } from '../services/service-deps';
import type { RefundSettler } from './refund-settler';

export interface RefundRecoveryDeps extends ServiceDeps {
  settler: Pick<RefundSettler, 'resolve' | 'busy'>;
}

/**
 * Longer than a send (the adapter's timeout) plus the whole query schedule: a pending refund younger than this may
 * still be in the hands of whoever wrote it (this process, or the admin CLI), so recovery leaves it alone.
 */
export const REFUND_RECOVERY_AFTER_MS = 5 * 60_000;

/**
 * Refunds a crash (or a shutdown while querying) left `pending`: resolved by query only, on the official schedule,
 * never sent again; still undecided after it, they become `unknown` for the reconciliation file.
 */
export function createRefundRecovery(deps: RefundRecoveryDeps) {
  return {
    async run(): Promise<{ resolving: number }> {
      const before = new Date(deps.now().getTime() - REFUND_RECOVERY_AFTER_MS).toISOString();
      const stale = (await deps.store.refunds.listStale(['pending'], before)).filter((row) => !deps.settler.busy(row.id));
      for (const row of stale) deps.log.info({ refundId: row.id, orderId: row.order_id }, 'recovering a refund by query');
      await Promise.all(stale.map((row) => deps.settler.resolve(row)));
      return { resolving: stale.length };
    },
  };
}

export type RefundRecovery = ReturnType<typeof createRefundRecovery>;
