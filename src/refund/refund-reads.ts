import type { ServiceDeps } from '../services/service-deps';
import type { RefundRow, RefundState } from '../store/payment-rows';
import { toRefundView, type RefundView } from './refund-view';

export type AdminRefundView = RefundView & { merchantId: string };

export interface RefundListFilter {
  merchantId?: string;
  orderId?: string;
  state?: RefundState;
  /** Newest first; 100 unless given. */
  limit?: number;
}

/** Any merchant's refunds, for the admin CLI: reading needs no acquirer. */
export interface RefundReads {
  findRefund(id: string): Promise<AdminRefundView | undefined>;
  listRefunds(filter?: RefundListFilter): Promise<AdminRefundView[]>;
}

function adminView(row: RefundRow): AdminRefundView {
  return { ...toRefundView(row), merchantId: row.merchant_id };
}

export function createRefundReads(deps: Pick<ServiceDeps, 'store'>): RefundReads {
  return {
    async findRefund(id) {
      const row = await deps.store.refunds.find(id);
      return row && adminView(row);
    },
    async listRefunds(filter = {}) {
      return (await deps.store.refunds.list({ ...filter, limit: filter.limit ?? 100 })).map(adminView);
    },
  };
}
