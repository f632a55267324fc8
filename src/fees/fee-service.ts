import { AppError } from '../domain/app-error';
import { parseInput } from '../domain/parse-input';
import type { ServiceDeps } from '../services/service-deps';
import { beijingDate } from '../domain/beijing-day';
import { feePlanFromRow, feePlanToRow } from './fee-plan-row';
import { emptyFeePlan, feePlanSchema, type FeePlan } from './fee-plan-schema';

export interface FeeService {
  /**
   * Changes the fields given and keeps the others (a merchant without a plan starts from no fees, starting today in
   * Beijing). The whole plan is validated before anything is written: `validation_failed` names each bad field and
   * changes nothing; `not_found` for an unknown merchant.
   */
  setPlan(merchantId: string, changes: Record<string, unknown>): Promise<FeePlan>;
  /** The merchant's plan, or undefined when it has none (it then pays no fees). `not_found` for an unknown merchant. */
  getPlan(merchantId: string): Promise<FeePlan | undefined>;
}

export function createFeeService(deps: ServiceDeps): FeeService {
  const { store } = deps;

  async function requireMerchant(merchantId: string): Promise<void> {
    if (!(await store.merchants.find(merchantId))) throw new AppError('not_found', `no merchant ${merchantId}`);
  }

  return {
    async setPlan(merchantId, changes) {
      await requireMerchant(merchantId);
      const current = await store.feePlans.find(merchantId);
      const base = current ? feePlanFromRow(current) : emptyFeePlan(beijingDate(deps.now()));
      const plan = parseInput(feePlanSchema, { ...base, ...changes });
      const nowIso = deps.now().toISOString();
      const row = feePlanToRow(merchantId, plan, nowIso);
      await store.feePlans.save(current ? { ...row, created_at: current.created_at } : row);
      deps.log.info({ merchantId }, 'fee plan set');
      return plan;
    },

    async getPlan(merchantId) {
      await requireMerchant(merchantId);
      const row = await store.feePlans.find(merchantId);
      return row && feePlanFromRow(row);
    },
  };
}
