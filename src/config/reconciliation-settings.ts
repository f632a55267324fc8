import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';

/** The daily reconciliation with the acquirer's file (issue 11 §2; docs/reference/unionpay-acp.md §8.6). */
export interface ReconciliationSettings {
  /**
   * Where an operator drops the day's file, named as UnionPay names it in its zip: INN<yymmdd>88ZM_<merId>
   * (e.g. INN26030288ZM_777290058110097 for 2026-03-02). Unset: the acquirer's file transfer.
   */
  dir?: string;
  /** When the job runs (node-cron, Beijing time): it reconciles the settlement date before. */
  cron: string;
}

export const reconciliationSchema = {
  RECONCILIATION_DIR: z.string().optional(),
  RECONCILIATION_CRON: z
    .string()
    .refine((s) => cron.validate(s), 'must be a cron expression, e.g. 30 9 * * *')
    .default('30 9 * * *'),
};

/** The settlement day closes at the acquirer's cut-off (ACQUIRER_CUT_OFF), the one that also decides cancel or refund. */
export function reconciliationSettings(e: { RECONCILIATION_DIR?: string; RECONCILIATION_CRON: string }): ReconciliationSettings {
  return {
    ...(e.RECONCILIATION_DIR ? { dir: path.resolve(e.RECONCILIATION_DIR) } : {}),
    cron: e.RECONCILIATION_CRON,
  };
}
