import { z } from 'zod';

const fen = (what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .min(0, { error: `must not be negative (${what})` })
    .max(1e12, { error: `is too large (${what})` });

const bps = z
  .number({ error: 'must be a number (basis points)' })
  .int({ error: 'must be a whole number of basis points' })
  .min(0, { error: 'must not be negative (basis points)' })
  .max(10_000, { error: 'must be at most 10000 basis points (100%)' });

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real date');

/** A merchant's fee plan, every field named as the API and CLI name it. Amounts in fen. */
export const feePlanSchema = z
  .strictObject({
    openingFee: fen('fen'),
    annualFeePerAccount: fen('fen'),
    settlementAccounts: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(1000, { error: 'must be at most 1000' }),
    debitRateBps: bps,
    debitMinFee: fen('fen'),
    debitMaxFee: fen('fen'),
    creditRateBps: bps,
    creditMinFee: fen('fen'),
    creditMaxFee: fen('fen'),
    inboundPerMinute: fen('fen per minute'),
    outboundPerMinute: fen('fen per minute'),
    startsOn: day,
  })
  .superRefine((plan, ctx) => {
    for (const kind of ['debit', 'credit'] as const) {
      if (plan[`${kind}MinFee`] > plan[`${kind}MaxFee`]) {
        ctx.addIssue({ code: 'custom', path: [`${kind}MinFee`], message: `must not be above ${kind}MaxFee` });
      }
    }
  });

export type FeePlan = z.output<typeof feePlanSchema>;

/** A plan with no fees at all: what a merchant without a plan pays, and what `fees set` starts from. */
export function emptyFeePlan(startsOn: string): FeePlan {
  return {
    openingFee: 0,
    annualFeePerAccount: 0,
    settlementAccounts: 1,
    debitRateBps: 0,
    debitMinFee: 0,
    debitMaxFee: 0,
    creditRateBps: 0,
    creditMinFee: 0,
    creditMaxFee: 0,
    inboundPerMinute: 0,
    outboundPerMinute: 0,
    startsOn,
  };
}
