import { callingHours, DEFAULT_CALLING_HOURS, type CallingHours } from './calling-hours';
import { DEFAULT_RETRY_POLICY, retryPolicy, type RetryPolicy } from './retry-policy';
import { AppError } from '../domain/app-error';
import type { MerchantCallbackColumns } from '../store/callback-rows';
import type { Repositories } from '../store/store';

/** How a merchant's callbacks are redialled and when cardholders may be called. */
export interface CallbackPolicy {
  retry: RetryPolicy;
  hours: CallingHours;
}

export interface CallbackPolicyView {
  merchantId: string;
  retryDelaysMinutes: number[];
  callingHours: { start: string; end: string; timeZone: string };
}

export interface CallbackPolicyChange {
  delaysMinutes?: number[];
  hours?: { start: string; end: string };
  timeZone?: string;
}

/** The policy stored on a merchant row; unset columns take the defaults (+2, +10, +30 min; 08:00–21:00 Shanghai). */
export function policyOfRow(row: Partial<MerchantCallbackColumns>): CallbackPolicy {
  const delays = row.callback_retry_delays;
  return {
    retry: delays === null || delays === undefined ? DEFAULT_RETRY_POLICY : retryPolicy(parseDelays(delays)),
    hours: callingHours({
      start: row.callback_hours_start ?? DEFAULT_CALLING_HOURS.start,
      end: row.callback_hours_end ?? DEFAULT_CALLING_HOURS.end,
      timeZone: row.callback_time_zone ?? DEFAULT_CALLING_HOURS.timeZone,
    }),
  };
}

/** '2,10,30' → [2, 10, 30]; '' → [] (never redial). Throws `validation_failed` on anything else. */
export function parseDelays(text: string): number[] {
  if (text.trim() === '') return [];
  const delays = text.split(',').map((d) => Number(d.trim()));
  if (delays.some((d) => !Number.isInteger(d))) {
    throw new AppError('validation_failed', 'delays must be whole minutes separated by commas, e.g. 2,10,30', {
      retryDelaysMinutes: 'whole minutes separated by commas',
    });
  }
  return retryPolicy(delays).delaysMinutes.slice();
}

/** '08:00-21:00' → { start, end }; validated with the time zone by callingHours(). */
export function parseHours(text: string): { start: string; end: string } {
  const match = /^\s*(\d\d:\d\d)\s*[-–]\s*(\d\d:\d\d)\s*$/.exec(text);
  if (!match) {
    throw new AppError('validation_failed', 'calling hours must be written HH:MM-HH:MM, e.g. 08:00-21:00', {
      callingHours: 'HH:MM-HH:MM',
    });
  }
  return { start: match[1], end: match[2] };
}

export async function loadCallbackPolicy(store: Pick<Repositories, 'merchants'>, merchantId: string): Promise<CallbackPolicy> {
  const row = await store.merchants.find(merchantId);
  if (!row) throw new AppError('not_found', `merchant ${merchantId} not found`);
  return policyOfRow(row);
}

function view(merchantId: string, policy: CallbackPolicy): CallbackPolicyView {
  const { start, end, timeZone } = policy.hours;
  return { merchantId, retryDelaysMinutes: [...policy.retry.delaysMinutes], callingHours: { start, end, timeZone } };
}

export interface CallbackPolicies {
  get(merchantId: string): Promise<CallbackPolicyView>;
  /** Changes what is given, keeps the rest; applies to attempts scheduled from now on. */
  set(merchantId: string, change: CallbackPolicyChange): Promise<CallbackPolicyView>;
}

export function createCallbackPolicies(deps: { store: Pick<Repositories, 'merchants'> }): CallbackPolicies {
  const { store } = deps;
  return {
    get: async (merchantId) => view(merchantId, await loadCallbackPolicy(store, merchantId)),

    async set(merchantId, change) {
      const current = await loadCallbackPolicy(store, merchantId);
      const retry = change.delaysMinutes ? retryPolicy(change.delaysMinutes) : current.retry;
      const hours = callingHours({
        ...current.hours,
        ...change.hours,
        ...(change.timeZone ? { timeZone: change.timeZone } : {}),
      });
      await store.merchants.setCallbackPolicy(merchantId, {
        callback_retry_delays: retry.delaysMinutes.join(','),
        callback_hours_start: hours.start,
        callback_hours_end: hours.end,
        callback_time_zone: hours.timeZone,
      });
      return view(merchantId, { retry, hours });
    },
  };
}
