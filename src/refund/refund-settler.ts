import { setMaxListeners } from 'node:events';
import type { AcquirerPort, ReversalAnswer, ReversalQueryResult } from '../acquirer/acquirer-port';
import { queryOnSchedule } from '../acquirer/query-until-settled';
import { within } from '../lib/within';
import { errorSummary } from '../log/error-summary';
import type { ServiceDeps } from '../services/service-deps';
import type { RefundRow } from '../store/payment-rows';
import { settleRefund } from './settle-refund';

export interface RefundSettlerDeps extends ServiceDeps {
  acquirer: Pick<AcquirerPort, 'reverse' | 'queryReversal' | 'reversalOrderIdOf' | 'txnTimeOf'>;
  /** Waits before each query; UnionPay's 1, 2, 4, 8, 16, 32 s unless given. */
  queryDelaysMs?: readonly number[];
}

/** How long stop() waits for reversals in flight to be answered and recorded. */
const STOP_WAIT_MS = 15_000;

/**
 * The safety rules of payments (docs/reference/security.md §3.1) for refunds: `send` sends a refund row already
 * written, once; `resolve` only queries (after an unknown answer, or for a row a crash left pending). A final
 * answer settles it (settle-refund.ts); still undecided after the schedule, it becomes `unknown` for the
 * reconciliation file. Refunds being worked on here are `busy`, so recovery leaves them alone.
 */
export function createRefundSettler(deps: RefundSettlerDeps) {
  const { acquirer } = deps;
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal);
  const working = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(id: string, work: () => Promise<T>): Promise<T | undefined> {
    working.add(id);
    const run = work()
      .catch((err: unknown) => {
        // The store failed mid-way: the row still says pending, for the recovery job.
        deps.log.error({ refundId: id, err: errorSummary(err) }, 'could not record the refund outcome');
        return undefined;
      })
      .finally(() => working.delete(id));
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  }

  /** Queries on the schedule and applies what it says; undecided → unknown (alert), never a second send. */
  async function queryAndSettle(row: RefundRow): Promise<void> {
    const log = deps.log.child({ refundId: row.id, orderId: row.order_id });
    const ref = { acquirerOrderId: row.acquirer_order_id, txnTime: row.txn_time };
    const result: ReversalQueryResult = await queryOnSchedule(() => acquirer.queryReversal(ref), {
      delaysMs: deps.queryDelaysMs,
      signal: stopping.signal,
    });
    switch (result.outcome) {
      case 'succeeded':
        await settleRefund(deps, row.id, { succeeded: true, acquirerRef: result.acquirerRef, responseCode: result.responseCode });
        return;
      case 'failed':
        await settleRefund(deps, row.id, { succeeded: false, responseCode: result.responseCode, failureReason: 'refused' });
        return;
      case 'not_found':
        // The acquirer never took it, so nothing was reversed: failed, and the reservation is released.
        await settleRefund(deps, row.id, { succeeded: false, failureReason: 'not_found' });
        return;
      case 'pending':
        if (stopping.signal.aborted) {
          log.warn('shutting down while the refund is undecided: the recovery job queries it after restart');
        } else if (
          await deps.store.refunds.move(row.id, ['pending'], { state: 'unknown', updated_at: deps.now().toISOString() })
        ) {
          log.error({ alert: 'refund_unresolved' }, 'refund still undecided after every query: the reconciliation file decides');
        }
    }
  }

  /** A cancel the acquirer refuses as after its cut-off goes out again as a refund: a new transaction, written first. */
  async function asRefund(row: RefundRow): Promise<RefundRow | undefined> {
    const at = deps.now();
    const acquirerOrderId = acquirer.reversalOrderIdOf(`${row.id}-r`);
    const txnTime = acquirer.txnTimeOf(at);
    if (!(await deps.store.refunds.becomeRefund(row.id, acquirerOrderId, txnTime, at.toISOString()))) return undefined;
    deps.log.info({ refundId: row.id }, 'cancel refused after the acquirer’s cut-off: sending it as a refund');
    return deps.store.refunds.find(row.id);
  }

  async function sendOnce(row: RefundRow): Promise<ReversalAnswer> {
    try {
      return await acquirer.reverse({
        kind: row.kind,
        acquirerOrderId: row.acquirer_order_id,
        txnTime: row.txn_time,
        amount: row.amount,
        origAcquirerRef: row.orig_query_id,
      });
    } catch {
      // An adapter should not throw; if it does, whether it sent is unknown.
      return { outcome: 'unknown' };
    }
  }

  async function sendAndSettle(first: RefundRow): Promise<void> {
    let row = first;
    let answer = await sendOnce(row);
    if (answer.outcome === 'rejected' && answer.afterCutOff && row.kind === 'cancel') {
      const again = await asRefund(row);
      if (again) {
        row = again;
        answer = await sendOnce(row);
      }
    }
    deps.log.info({ refundId: row.id, kind: row.kind, outcome: answer.outcome }, 'refund answered');
    switch (answer.outcome) {
      case 'rejected':
        await settleRefund(deps, row.id, { succeeded: false, responseCode: answer.responseCode, failureReason: 'refused' });
        return;
      case 'unavailable':
        await settleRefund(deps, row.id, { succeeded: false, failureReason: 'acquirer_unavailable' });
        return;
      case 'accepted':
        // Accepted is not yet done (as a consume's 00): note the serial, and let a query confirm it.
        await deps.store.refunds.move(row.id, ['pending'], {
          state: 'pending',
          updated_at: deps.now().toISOString(),
          response_code: answer.responseCode,
          ...(answer.acquirerRef ? { acquirer_ref: answer.acquirerRef } : {}),
        });
        return queryAndSettle(row);
      case 'unknown':
        return queryAndSettle(row);
    }
  }

  return {
    /** Sends a refund row just written (state pending); resolves when it is settled or left for later. */
    send: (row: RefundRow) => track(row.id, () => sendAndSettle(row)),
    /** Resolves a pending refund by query only (recovery). */
    resolve: (row: RefundRow) => track(row.id, () => queryAndSettle(row)),
    busy: (refundId: string) => working.has(refundId),
    async stop(): Promise<void> {
      stopping.abort();
      await within(Promise.allSettled([...inFlight]), { ms: STOP_WAIT_MS });
    },
  };
}

export type RefundSettler = ReturnType<typeof createRefundSettler>;
