import { formatTxnTime } from '../acquirer/acp/txn-time';
import type { AcquirerPort, PaymentResult, PendingPayment } from '../acquirer/acquirer-port';
import { queryUntilSettled } from '../acquirer/query-until-settled';
import type { PaymentInput, PaymentsForCall, PreparedAttempt, SmsCodeRequest } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import { maskPan } from '../domain/mask';
import type { AttemptRow } from '../store/rows';
import { firstWithin } from './first-within';
import type { AttemptState } from './payment-attempt-state';
import { attemptRef, findAttempt, moveAttempt, type PaymentAttemptRow } from './payment-attempts';
import { applyAttemptOutcome } from './payment-outcome';
import { sendConsume } from './send-consume';
import type { ServiceDeps } from './service-deps';

export interface PaymentServiceDeps extends ServiceDeps {
  acquirer: AcquirerPort;
  /**
   * How long a caller waits for a final answer (consume plus queries). After it they hear "we are
   * confirming your payment" and the attempt is resolved in the background.
   */
  callerWaitMs: number;
  /** Waits before each query of a pending consume; UnionPay's 1, 2, 4, 8, 16, 32 s unless given. */
  queryDelaysMs?: readonly number[];
}

export interface PaymentService extends PaymentsForCall {
  smsCodeRequired(card: Parameters<NonNullable<PaymentsForCall['smsCodeRequired']>>[0]): boolean;
  requestSmsCode(input: PaymentInput): Promise<SmsCodeRequest>;
  /** True while this service is paying or resolving an attempt of the order: recovery leaves it alone. */
  busy(orderId: string): boolean;
  /** Stops waiting for queries (shutdown: what is still open is the recovery job's after restart) and lets settlements end. */
  stop(): Promise<void>;
}

/**
 * Exactly-once charging for the call script (security notes §3.1). Each attempt is written with
 * the txnTime and amount the acquirer will know it by BEFORE its consume goes out; the consume is
 * sent once; anything short of a final answer is resolved by query (never a second consume), and
 * every outcome applies through forward-only state moves. Card data lives only in the request in
 * memory: rows and logs get the masked number, bank and kind.
 */
export function createPaymentService(deps: PaymentServiceDeps): PaymentService {
  const { db } = deps;
  const stopping = new AbortController();
  const settling = new Set<Promise<unknown>>();
  const busyOrders = new Map<string, number>();

  function hold(orderId: string): () => void {
    busyOrders.set(orderId, (busyOrders.get(orderId) ?? 0) + 1);
    return () => {
      const left = (busyOrders.get(orderId) ?? 1) - 1;
      if (left > 0) busyOrders.set(orderId, left);
      else busyOrders.delete(orderId);
    };
  }

  /** Writes the attempt, only while the call holds the order. Opens with a write (SQLite's lock up front). */
  async function record(input: PaymentInput, state: AttemptState): Promise<PaymentAttemptRow> {
    const at = deps.now();
    const nowIso = at.toISOString();
    const row = await db.transaction(async (trx) => {
      const held = await trx('orders')
        .where({ id: input.orderId, status: 'in_call', in_call_id: input.callId })
        .update({ updated_at: nowIso });
      if (held === 0) return undefined;
      const open = trx('order_attempts').where({ order_id: input.orderId, call_id: input.callId }).whereNull('ended_at');
      const card = { card_masked: maskPan(input.card.pan), card_bank: input.bankCode, card_kind: input.card.kind };
      await open.clone().update({ ...card, payment_count: trx.raw('payment_count + 1'), decline_reason: null, response_code: null });
      const call: AttemptRow | undefined = await open.clone().orderBy('started_at', 'desc').first();
      if (!call) return undefined;
      const order: { amount: number; currency: 'CNY' } = await trx('orders').where({ id: input.orderId }).first('amount', 'currency');
      const attempt: PaymentAttemptRow = {
        id: `${call.id}-${call.payment_count}`,
        order_id: input.orderId,
        order_attempt_id: call.id,
        call_id: input.callId,
        amount: Number(order.amount),
        currency: order.currency,
        txn_time: formatTxnTime(at),
        ...card,
        state,
        response_code: null,
        decline_reason: null,
        acquirer_ref: null,
        created_at: nowIso,
        updated_at: nowIso,
        resolved_at: null,
      };
      await trx('payment_attempts').insert(attempt);
      return attempt;
    });
    if (!row) throw new AppError('order_not_payable', 'the order is not held by this call');
    return row;
  }

  /** A prepared attempt (SMS code sent) goes to sending, if the call still holds its order. */
  async function sendPrepared(input: PaymentInput, prepared: PreparedAttempt): Promise<PaymentAttemptRow> {
    const at = deps.now();
    const moved = await db.transaction(async (trx) => {
      const held = await trx('orders')
        .where({ id: input.orderId, status: 'in_call', in_call_id: input.callId })
        .update({ updated_at: at.toISOString() });
      const ours = await trx('payment_attempts').where({ id: prepared.attemptId, order_id: input.orderId, call_id: input.callId }).first('id');
      return held > 0 && ours !== undefined && (await moveAttempt(trx, prepared.attemptId, 'sending', at));
    });
    const row = moved ? await findAttempt(db, prepared.attemptId) : undefined;
    if (!row) throw new AppError('order_not_payable', 'the prepared attempt is not this call’s to pay');
    return row;
  }

  /** From the consume's answer to a final outcome: query while pending, on the schedule. Never throws. */
  async function settle(attempt: PaymentAttemptRow, answer: Promise<PaymentResult | PendingPayment>): Promise<PaymentResult | PendingPayment> {
    const log = deps.log.child({ orderId: attempt.order_id, attemptId: attempt.id });
    const first = await answer;
    if (first.outcome !== 'pending') {
      await applyAttemptOutcome(db, attempt.id, first, deps.now(), log);
      return first;
    }
    await moveAttempt(db, attempt.id, 'unknown', deps.now(), { response_code: first.responseCode, acquirer_ref: first.acquirerRef });
    log.info({ responseCode: first.responseCode }, 'consume not final: querying');
    const queried = await queryUntilSettled(deps.acquirer, attemptRef(attempt), { delaysMs: deps.queryDelaysMs, signal: stopping.signal });
    if (queried.outcome === 'pending') {
      if (stopping.signal.aborted) {
        log.warn('shutting down while the payment is unknown: the recovery job resolves it after restart');
      } else if (await moveAttempt(db, attempt.id, 'unknown_manual', deps.now())) {
        log.error({ alert: 'payment_unresolved' }, 'payment still unknown after every query: the reconciliation file decides');
      }
      return { outcome: 'pending' };
    }
    await applyAttemptOutcome(db, attempt.id, queried, deps.now(), log);
    // Not found: the acquirer never took the consume, so nothing was charged.
    return queried.outcome === 'not_found' ? { outcome: 'unavailable' } : queried;
  }

  /** Sends, settles in the background, and gives the caller the answer if it comes within their wait. */
  async function payAttempt(attempt: PaymentAttemptRow, input: PaymentInput, release: () => void): Promise<PaymentResult | PendingPayment> {
    const log = deps.log.child({ orderId: attempt.order_id, callId: attempt.call_id, attemptId: attempt.id });
    log.info({ card: { masked: attempt.card_masked, bank: attempt.card_bank, kind: attempt.card_kind }, amount: attempt.amount }, 'payment sent to the acquirer');
    const settled = settle(attempt, sendConsume(deps.acquirer, attempt, input, log))
      .catch((err: unknown): PendingPayment => {
        // The store failed mid-way: the row still says sending/unknown, for the recovery job.
        log.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'could not record the payment outcome');
        return { outcome: 'pending' };
      })
      .finally(release);
    settling.add(settled);
    void settled.finally(() => settling.delete(settled));

    const heard = await firstWithin(settled, deps.callerWaitMs);
    const result = heard ?? { outcome: 'pending' as const };
    if (!heard) {
      await moveAttempt(db, attempt.id, 'unknown', deps.now());
      log.warn({ callerWaitMs: deps.callerWaitMs }, 'no final answer while the caller waited: resolving in the background');
    }
    const reason = result.outcome === 'declined' ? result.reason : undefined;
    log.info({ outcome: result.outcome, reason, responseCode: result.responseCode }, 'payment answered');
    return result;
  }

  return {
    async pay(input) {
      const release = hold(input.orderId);
      let attempt: PaymentAttemptRow;
      try {
        attempt = input.attempt ? await sendPrepared(input, input.attempt) : await record(input, 'sending');
      } catch (err) {
        release();
        throw err;
      }
      return payAttempt(attempt, input, release);
    },

    smsCodeRequired(card) {
      return deps.acquirer.smsCodeRequired?.(card) ?? false;
    },

    async requestSmsCode(input) {
      const attempt = await record(input, 'prepared');
      const log = deps.log.child({ orderId: attempt.order_id, callId: attempt.call_id, attemptId: attempt.id });
      const request = { orderId: input.orderId, attemptId: attempt.id, amount: attempt.amount, currency: attempt.currency, txnTime: attempt.txn_time, card: { ...input.card }, holder: { ...input.holder } };
      let answer: Awaited<ReturnType<NonNullable<AcquirerPort['requestSmsCode']>>>;
      try {
        answer = deps.acquirer.requestSmsCode ? await deps.acquirer.requestSmsCode(request) : { ok: false, reason: 'unavailable' };
      } catch (err) {
        log.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'SMS code request failed');
        answer = { ok: false, reason: 'unavailable' };
      }
      log.info({ ok: answer.ok, reason: answer.ok ? undefined : answer.reason }, 'SMS code requested');
      if (answer.ok) return { ok: true, attempt: { attemptId: attempt.id } };
      // No consume was sent for it: the attempt ends here, charging nothing.
      await moveAttempt(db, attempt.id, 'not_sent', deps.now(), { decline_reason: answer.reason === 'unavailable' ? null : answer.reason });
      return { ok: false, reason: answer.reason };
    },

    busy: (orderId) => busyOrders.has(orderId),

    async stop() {
      stopping.abort();
      await Promise.allSettled([...settling]);
    },
  };
}
