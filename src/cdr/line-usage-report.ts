import { beijingDayEnd, beijingDayStart, isDate } from '../domain/beijing-day';
import { AppError } from '../domain/app-error';
import { billableMinutes } from '../fees/fee-rules';
import type { ServiceDeps } from '../services/service-deps';

/** Line use of one merchant in one direction over a Beijing day, from the call detail records. */
export interface LineUsageLine {
  merchantId: string;
  direction: 'inbound' | 'outbound';
  legs: number;
  answered: number;
  /** Started minutes of answered time: what communication fees are billed on. */
  billableMinutes: number;
  /** Answered time in seconds, for capacity planning. */
  answeredSeconds: number;
}

export interface LineUsageReport {
  /** Legs that ended on `date` (YYYY-MM-DD, Beijing), by merchant and direction; legs of no merchant under `-`. */
  usage(date: string): Promise<LineUsageLine[]>;
}

export function createLineUsageReport(deps: Pick<ServiceDeps, 'store'>): LineUsageReport {
  return {
    async usage(date) {
      if (!isDate(date)) throw new AppError('validation_failed', 'invalid date', { date: 'must be a date YYYY-MM-DD' });
      const legs = await deps.store.callLegs.endedBetween(beijingDayStart(date), beijingDayEnd(date));
      const lines = new Map<string, LineUsageLine>();
      for (const leg of legs) {
        const merchantId = leg.merchant_id ?? '-';
        const key = `${merchantId} ${leg.direction}`;
        const line = lines.get(key) ?? {
          merchantId,
          direction: leg.direction,
          legs: 0,
          answered: 0,
          billableMinutes: 0,
          answeredSeconds: 0,
        };
        line.legs += 1;
        if (leg.answered_at && leg.ended_at) {
          line.answered += 1;
          line.billableMinutes += billableMinutes(leg.answered_at, leg.ended_at);
          line.answeredSeconds += Math.max(0, Math.round((Date.parse(leg.ended_at) - Date.parse(leg.answered_at)) / 1000));
        }
        lines.set(key, line);
      }
      return [...lines.values()].sort(
        (a, b) => a.merchantId.localeCompare(b.merchantId) || a.direction.localeCompare(b.direction),
      );
    },
  };
}
