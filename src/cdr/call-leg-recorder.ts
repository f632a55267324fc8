import type { ServiceDeps } from '../services/service-deps';
import type { CallLegRecorder } from './call-leg-port';

/**
 * Call detail records in the `call_legs` table. An inbound leg learns its order and merchant when it ends, from the
 * order its call held (the pay code is typed during the call); an outbound leg knows its order from the start.
 */
export function createCallLegRecorder(deps: ServiceDeps): CallLegRecorder {
  const { store, log } = deps;

  async function safely(id: string, what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      log.error({ err, legId: id }, `call detail record: ${what} not recorded`);
    }
  }

  async function merchantOf(orderId: string | undefined): Promise<string | null> {
    return orderId ? ((await store.orders.find(orderId))?.merchant_id ?? null) : null;
  }

  return {
    started: (leg) =>
      safely(leg.id, 'start', async () => {
        await store.callLegs.start({
          id: leg.id,
          direction: leg.direction,
          started_at: leg.at.toISOString(),
          order_id: leg.orderId ?? null,
          merchant_id: await merchantOf(leg.orderId),
        });
      }),

    answered: (id, at) => safely(id, 'answer', () => store.callLegs.answer(id, at.toISOString())),

    ended: (id, at, outcome) =>
      safely(id, 'end', async () => {
        const leg = await store.callLegs.find(id);
        const held = leg && !leg.order_id ? await store.orderAttempts.lastOrderOfCall(id) : undefined;
        await store.callLegs.end(id, { ended_at: at.toISOString(), outcome, ...held });
      }),
  };
}
