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
  /** HHmmss, Beijing: when the acquirer closes a settlement day (23:00 at UnionPay; 24:00, midnight, in the sandbox). */
  cutoff: string;
}

export const reconciliationSchema = {
  RECONCILIATION_DIR: z.string().optional(),
  RECONCILIATION_CRON: z
    .string()
    .refine((s) => cron.validate(s), 'must be a cron expression, e.g. 30 9 * * *')
    .default('30 9 * * *'),
  RECONCILIATION_CUTOFF: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM, 00:00 to 24:00')
    .optional(),
};

export function reconciliationSettings(
  e: { RECONCILIATION_DIR?: string; RECONCILIATION_CRON: string; RECONCILIATION_CUTOFF?: string },
  acquirer: 'sandbox' | 'acp',
): ReconciliationSettings {
  const cutoff = e.RECONCILIATION_CUTOFF ?? (acquirer === 'acp' ? '23:00' : '24:00');
  return {
    ...(e.RECONCILIATION_DIR ? { dir: path.resolve(e.RECONCILIATION_DIR) } : {}),
    cron: e.RECONCILIATION_CRON,
    cutoff: `${cutoff.replace(':', '')}00`,
  };
}
