import type { AcquirerPort, QueryResult } from '../acquirer/acquirer-port';
import { AppError } from '../domain/app-error';
import type { AttemptState } from '../domain/payment-attempt-state';
import { queryUntilSettled } from '../acquirer/query-until-settled';
import { errorSummary } from '../log/error-summary';
import type { PaymentAttemptRow } from '../store/payment-rows';
import { moveAttempt, attemptRef } from './payment-attempts';
import { applyAttemptOutcome } from './payment-outcome';
import type { ServiceDeps } from '../services/service-deps';

export interface PaymentRecoveryDeps extends ServiceDeps {
  acquirer: Pick<AcquirerPort, 'query'>;
  /** Whether the payment service is working on an order right now (its attempts are its own to settle). */
  busy(orderId: string): boolean;
  /** Waits before each query; UnionPay's 1, 2, 4, 8, 16, 32 s unless given. */
  queryDelaysMs?: readonly number[];
  /** Aborted at shutdown: open queries stop and their attempts stay as they are. */
  signal?: AbortSignal;
}

/** What one operator query (the console's "query now") found, and where the attempt stands after it. */
export interface QueryNowResult {
  attemptId: string;
  /** The acquirer's word; 'busy' when a call is settling the attempt, 'not_unresolved' when it was already settled. */
  answer: QueryResult['outcome'] | 'busy' | 'not_unresolved';
  state: AttemptState;
}

export interface RecoverySummary {
  /** Attempts that got a final state (approved, declined, not found). */
  resolved: number;
  /** Still unknown after the whole schedule: now unknown_manual, for the reconciliation file. */
  manual: number;
}

/** SMS codes live minutes: a prepared attempt older than this never had its consume sent. */
const PREPARED_TTL_MS = 60 * 60 * 1000;

/**
 * Resolves attempts left `sending` or `unknown` with nobody settling them: after a crash between
 * send and record (docs/reference/security.md §3.2, F1), or a shutdown while querying. By query only, on the official
 * schedule; never a second consume. Attempts still unknown after it become `unknown_manual` with an
 * alert in the log: the reconciliation file is authoritative then.
 */
export function createPaymentRecovery(deps: PaymentRecoveryDeps) {
  const recovering = new Set<string>();

  async function recover(row: PaymentAttemptRow): Promise<'resolved' | 'manual' | 'left'> {
    const log = deps.log.child({ orderId: row.order_id, attemptId: row.id });
    log.info({ state: row.state }, 'recovering a payment by query');
    const result = await queryUntilSettled(deps.acquirer, attemptRef(row), { delaysMs: deps.queryDelaysMs, signal: deps.signal });
    if (result.outcome !== 'pending') {
      await applyAttemptOutcome(deps.store, row.id, result, deps.now(), log);
      log.info({ outcome: result.outcome }, 'payment recovered');
      return 'resolved';
    }
    if (deps.signal?.aborted) return 'left';
    if (!(await moveAttempt(deps.store, row.id, 'unknown_manual', deps.now()))) return 'left';
    log.error({ alert: 'payment_unresolved' }, 'payment still unknown after every query: the reconciliation file decides');
    return 'manual';
  }

  return {
    /**
     * One query of one `unknown` or `unknown_manual` attempt, now, for an operator: a final answer settles it as
     * the schedule's would (order, merchant event); a pending one leaves it as it is. Never a second consume.
     */
    async queryNow(attemptId: string): Promise<QueryNowResult> {
      const row = await deps.store.paymentAttempts.find(attemptId);
      if (!row) throw new AppError('not_found', `no payment attempt ${attemptId}`);
      if (row.state !== 'unknown' && row.state !== 'unknown_manual')
        return { attemptId, answer: 'not_unresolved', state: row.state };
      if (deps.busy(row.order_id)) return { attemptId, answer: 'busy', state: row.state };
      const log = deps.log.child({ orderId: row.order_id, attemptId });
      const result: QueryResult = await deps.acquirer.query(attemptRef(row)).catch(() => ({ outcome: 'pending' as const }));
      if (result.outcome !== 'pending') await applyAttemptOutcome(deps.store, row.id, result, deps.now(), log);
      log.info({ outcome: result.outcome }, 'payment queried by an operator');
      const after = await deps.store.paymentAttempts.find(attemptId);
      return { attemptId, answer: result.outcome, state: after?.state ?? row.state };
    },

    async run(): Promise<RecoverySummary> {
      const now = deps.now();
      const { paymentAttempts } = deps.store;
      await paymentAttempts.abandonPrepared(new Date(now.getTime() - PREPARED_TTL_MS).toISOString(), now.toISOString());

      // Not those of an order in a call: with several nodes, another node's call may still be sending its consume,
      // and a query now would find nothing and settle it as not charged before the answer comes.
      const open = await paymentAttempts.listInStatesOutsideCalls(['sending', 'unknown']);
      const mine = open.filter((row) => !deps.busy(row.order_id) && !recovering.has(row.id));
      for (const row of mine) recovering.add(row.id);
      const outcomes = await Promise.all(
        mine.map((row) =>
          recover(row)
            .catch((err: unknown) => {
              deps.log.error({ attemptId: row.id, err: errorSummary(err) }, 'payment recovery failed');
              return 'left' as const;
            })
            .finally(() => recovering.delete(row.id)),
        ),
      );
      return {
        resolved: outcomes.filter((o) => o === 'resolved').length,
        manual: outcomes.filter((o) => o === 'manual').length,
      };
    },
  };
}

export type PaymentRecovery = ReturnType<typeof createPaymentRecovery>;
