import { setMaxListeners } from 'node:events';
import type { CardData } from '../call/card-data';
import type { PaymentResult } from '../call/payment-result';
import type { PendingPayment } from '../call/pending-payment';
import type { AcquirerPort, SmsCodeResult } from '../acquirer/acquirer-port';
import { queryUntilSettled } from '../acquirer/query-until-settled';
import type { PaymentInput, PaymentsForCall, SmsCodeRequest } from '../call/call-ports';
import type { CardFingerprint } from '../crypto/card-fingerprint';
import { within } from '../lib/within';
import { errorSummary } from '../log/error-summary';
import type { PaymentAttemptRow } from '../store/payment-rows';
import { attemptRef, moveAttempt } from './payment-attempts';
import { applyAttemptOutcome } from './payment-outcome';
import { recordAttempt, startPrepared } from './record-attempt';
import { paymentRequestOf, sendConsume } from './send-consume';
import type { ServiceDeps } from '../services/service-deps';

export interface PaymentServiceDeps extends ServiceDeps {
  acquirer: AcquirerPort;
  /** Keyed hash of the card number stored with each attempt, to spot repeats (never the number). */
  cardFingerprint: CardFingerprint;
  /**
   * How long a caller waits for a final answer (consume plus queries). After it they hear "we are
   * confirming your payment" and the attempt is resolved in the background.
   */
  callerWaitMs: number;
  /** Waits before each query of a pending consume; UnionPay's 1, 2, 4, 8, 16, 32 s unless given. */
  queryDelaysMs?: readonly number[];
}

/** How long stop() waits for consumes in flight to be answered and recorded. */
const STOP_WAIT_MS = 15_000;

export interface PaymentService extends PaymentsForCall {
  smsCodeRequired(card: Pick<CardData, 'pan' | 'kind'>): boolean;
  requestSmsCode(input: PaymentInput): Promise<SmsCodeRequest>;
  /** True while this service is paying or resolving an attempt of the order: recovery leaves it alone. */
  busy(orderId: string): boolean;
  /** Stops waiting for queries (shutdown: what is still open is the recovery job's after restart) and lets settlements end. */
  stop(): Promise<void>;
}

/**
 * Exactly-once charging for the call script (docs/reference/security.md §3.1). Each attempt is written with
 * the txnTime and amount the acquirer will know it by BEFORE its consume goes out; the consume is
 * sent once; anything short of a final answer is resolved by query (never a second consume), and
 * every outcome applies through forward-only state moves. Card data lives only in the request in
 * memory: rows and logs get the masked number, bank and kind.
 */
export function createPaymentService(deps: PaymentServiceDeps): PaymentService {
  const { store } = deps;
  const stopping = new AbortController();
  // Every payment being queried waits on this one signal; each wait removes its listener when it ends,
  // so many at once (one per call in progress) is expected, not the leak Node's default warning of 10 suspects.
  setMaxListeners(0, stopping.signal);
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

  /** From the consume's answer to a final outcome: query while pending, on the schedule. Never throws. */
  async function settle(
    attempt: PaymentAttemptRow,
    answer: Promise<PaymentResult | PendingPayment>,
  ): Promise<PaymentResult | PendingPayment> {
    const log = deps.log.child({ orderId: attempt.order_id, attemptId: attempt.id });
    const first = await answer;
    if (first.outcome !== 'pending') {
      await applyAttemptOutcome(store, attempt.id, first, deps.now(), log);
      return first;
    }
    await moveAttempt(store, attempt.id, 'unknown', deps.now(), {
      response_code: first.responseCode,
      acquirer_ref: first.acquirerRef,
    });
    log.info({ responseCode: first.responseCode }, 'consume not final: querying');
    const queried = await queryUntilSettled(deps.acquirer, attemptRef(attempt), {
      delaysMs: deps.queryDelaysMs,
      signal: stopping.signal,
    });
    if (queried.outcome === 'pending') {
      if (stopping.signal.aborted)
        log.warn('shutting down while the payment is unknown: the recovery job resolves it after restart');
      else if (await moveAttempt(store, attempt.id, 'unknown_manual', deps.now())) {
        log.error({ alert: 'payment_unresolved' }, 'payment still unknown after every query: the reconciliation file decides');
      }
      return { outcome: 'pending' };
    }
    await applyAttemptOutcome(store, attempt.id, queried, deps.now(), log);
    // Not found: the acquirer never took the consume, so nothing was charged.
    return queried.outcome === 'not_found' ? { outcome: 'unavailable' } : queried;
  }

  /** Sends, settles in the background, and gives the caller the answer if it comes within their wait. */
  async function payAttempt(
    attempt: PaymentAttemptRow,
    input: PaymentInput,
    release: () => void,
  ): Promise<PaymentResult | PendingPayment> {
    const log = deps.log.child({ orderId: attempt.order_id, callId: attempt.call_id, attemptId: attempt.id });
    log.info(
      { card: { masked: attempt.card_masked, bank: attempt.card_bank, kind: attempt.card_kind }, amount: attempt.amount },
      'payment sent to the acquirer',
    );
    const settled = settle(attempt, sendConsume(deps.acquirer, attempt, input, log))
      .catch((err: unknown): PendingPayment => {
        // The store failed mid-way: the row still says sending/unknown, for the recovery job.
        log.error({ err: errorSummary(err) }, 'could not record the payment outcome');
        return { outcome: 'pending' };
      })
      .finally(release);
    settling.add(settled);
    void settled.finally(() => settling.delete(settled));

    const heard = await within(settled, { ms: deps.callerWaitMs });
    const result = heard ?? { outcome: 'pending' as const };
    if (!heard) {
      await moveAttempt(store, attempt.id, 'unknown', deps.now());
      log.warn({ callerWaitMs: deps.callerWaitMs }, 'no final answer while the caller waited: resolving in the background');
    }
    log.info(
      {
        outcome: result.outcome,
        reason: result.outcome === 'declined' ? result.reason : undefined,
        responseCode: result.responseCode,
      },
      'payment answered',
    );
    return result;
  }

  return {
    async pay(input) {
      const release = hold(input.orderId);
      let attempt: PaymentAttemptRow;
      try {
        attempt = input.attempt
          ? await startPrepared(store, input, input.attempt, deps.now())
          : await recordAttempt(store, input, 'sending', deps.now(), deps.cardFingerprint, deps.acquirer);
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
      const attempt = await recordAttempt(store, input, 'prepared', deps.now(), deps.cardFingerprint, deps.acquirer);
      const log = deps.log.child({ orderId: attempt.order_id, callId: attempt.call_id, attemptId: attempt.id });
      const request = paymentRequestOf(attempt, input);
      let answer: SmsCodeResult;
      try {
        answer = deps.acquirer.requestSmsCode
          ? await deps.acquirer.requestSmsCode(request)
          : { ok: false, reason: 'unavailable' };
      } catch (err) {
        log.error({ err: errorSummary(err) }, 'SMS code request failed');
        answer = { ok: false, reason: 'unavailable' };
      }
      log.info({ ok: answer.ok, reason: answer.ok ? undefined : answer.reason }, 'SMS code requested');
      if (answer.ok) return { ok: true, attempt: { attemptId: attempt.id } };
      // No consume was sent for it: the attempt ends here, charging nothing.
      await moveAttempt(store, attempt.id, 'not_sent', deps.now(), {
        decline_reason: answer.reason === 'unavailable' ? null : answer.reason,
      });
      return { ok: false, reason: answer.reason };
    },

    busy: (orderId) => busyOrders.has(orderId),

    async stop() {
      stopping.abort();
      // A consume still in flight is bounded by the adapter's own timeout; past this, recovery takes over after restart.
      await within(Promise.allSettled([...settling]), { ms: STOP_WAIT_MS });
    },
  };
}
