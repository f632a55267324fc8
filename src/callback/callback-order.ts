import { earliestWithin } from './calling-hours';
import { requirePhoneNumber } from './phone-number';
import { AppError } from '../domain/app-error';
import type { CallbackRow } from '../store/callback-rows';
import { newId } from '../store/new-id';
import type { Repositories } from '../store/store';
import { loadCallbackPolicy } from './callback-policy';
import { toCallbackView, type CallbackView } from './callback-view';

export interface CallbackPlan {
  phone: string;
  callAfter?: string;
  firstCallAt: Date;
}

/**
 * Where a new callback order's first call goes: at once, or at `callAfter`, moved into the merchant's calling
 * hours. `validation_failed` when that is not before the order expires (the call could never happen).
 */
export async function planCallback(
  store: Pick<Repositories, 'merchants'>,
  merchantId: string,
  input: { phone?: string; callAfter?: string },
  now: Date,
  expiresAt: Date,
): Promise<CallbackPlan> {
  const phone = requirePhoneNumber(input.phone ?? '').national;
  const { hours } = await loadCallbackPolicy(store, merchantId);
  const after = input.callAfter === undefined ? now : new Date(Math.max(now.getTime(), Date.parse(input.callAfter)));
  const firstCallAt = earliestWithin(after, hours);
  if (firstCallAt.getTime() >= expiresAt.getTime()) {
    const field = input.callAfter === undefined ? 'expiresInSeconds' : 'callAfter';
    throw new AppError('validation_failed', 'the order would expire before the first call', {
      [field]: `the first call (${firstCallAt.toISOString()}, within calling hours) must come before the order expires`,
    });
  }
  return {
    phone,
    ...(input.callAfter === undefined ? {} : { callAfter: new Date(Date.parse(input.callAfter)).toISOString() }),
    firstCallAt,
  };
}

/**
 * The dialer's row for a new callback order; written in the order's own transaction, so neither exists alone.
 * Returns the row as written, so the order's answer needs no read after the commit.
 */
export async function insertCallback(
  tx: Pick<Repositories, 'callbacks'>,
  orderId: string,
  plan: CallbackPlan,
  now: Date,
): Promise<CallbackRow> {
  const row: CallbackRow = {
    id: newId('cb'),
    order_id: orderId,
    phone: plan.phone,
    state: 'scheduled',
    call_after: plan.callAfter ?? null,
    next_call_at: plan.firstCallAt.toISOString(),
    attempts_made: 0,
    locked_until: null,
    lease_token: null,
    claimed_by: null,
    last_outcome: null,
    asterisk_server: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await tx.callbacks.insert(row);
  return row;
}

/** The callback views of these orders, by order id (orders without a callback are absent). */
export async function callbackViews(
  store: Pick<Repositories, 'callbacks' | 'callbackAttempts'>,
  orderIds: string[],
): Promise<Map<string, CallbackView>> {
  const views = new Map<string, CallbackView>();
  if (orderIds.length === 0) return views;
  const rows = await store.callbacks.listForOrders(orderIds);
  if (rows.length === 0) return views;
  const attempts = await store.callbackAttempts.listForOrders(rows.map((r) => r.order_id));
  for (const row of rows) {
    views.set(
      row.order_id,
      toCallbackView(
        row,
        attempts.filter((a) => a.order_id === row.order_id),
      ),
    );
  }
  return views;
}
