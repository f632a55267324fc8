import { setTimeout as delay } from 'node:timers/promises';
import type { CardData } from '../src/call/card-data';
import type { PaymentResult } from '../src/call/payment-result';
import type { PendingPayment } from '../src/call/pending-payment';
import { maskPan } from '../src/domain/mask';
import { shanghaiTimestamp } from '../src/domain/shanghai-timestamp';
import type {
  AcquirerPort,
  AttemptRef,
  NotificationVerdict,
  PaymentRequest,
  QueryResult,
  ReversalAnswer,
  ReversalQueryResult,
  SmsCodeResult,
} from '../src/acquirer/acquirer-port';
import { decideReversal } from './sandbox-reversal';
import { decideConsume, decideSmsRequest, type DecisionPolicy } from './sandbox-decision';
import { createSandboxLedger } from './sandbox-ledger';
import { createPinTries } from './sandbox-pin-tries';
import { sandboxDeclineReason, sandboxResult } from './sandbox-results';
import { findTestCard } from './test-cards';

const MERCHANT = 'in-process';

/** The in-process sandbox takes requests without txnTime too (older callers and call-script tests). */
export type InProcessRequest = Omit<PaymentRequest, 'txnTime'> & { txnTime?: string };

export interface InProcessSandboxAcquirer extends AcquirerPort {
  /** Cancels and refunds received (tests check that none is sent twice). */
  reversalsSent(): number;
  pay(request: InProcessRequest): Promise<PaymentResult | PendingPayment>;
  requestSmsCode(request: InProcessRequest): Promise<SmsCodeResult>;
  smsCodeRequired(card: Pick<CardData, 'pan' | 'kind'>): boolean;
}

/**
 * An in-process acquirer deciding by test card with the same rules as the sandbox acquirer server
 * (sandbox-decision.ts), for call-script tests. It answers what the payment service ends up with
 * after resolving a pending consume: an issuer timeout or a slow answer comes back approved (after
 * `latencyMs`), a duplicate order unavailable. Like every adapter it never logs what it is sent.
 */
export function createSandboxAcquirer(opts: {
  now: () => Date;
  latencyMs?: number;
  policy?: DecisionPolicy;
}): InProcessSandboxAcquirer {
  const pinTries = createPinTries();
  const ledger = createSandboxLedger();
  const smsSent = new Set<string>();
  let reversals = 0;

  function decide(request: InProcessRequest): PaymentResult | PendingPayment {
    const { card, holder } = request;
    const now = opts.now();
    const verdict = decideConsume(
      {
        pan: card.pan,
        kind: card.kind,
        pinIs: card.pin === undefined ? undefined : (expected) => card.pin === expected,
        cvn2: card.cvn2,
        expiryMmyy: card.expiryMmyy,
        idNumber: holder.idNumber,
        mobile: holder.mobile,
        smsCode: holder.smsCode,
        smsCodeSent: smsSent.has(request.attemptId),
      },
      pinTries,
      now,
      opts.policy,
    );
    if (verdict.kind === 'unavailable') return { outcome: 'unavailable' };
    if (verdict.kind === 'duplicate') return { outcome: 'unavailable', responseCode: '12' };
    const entry = ledger.record(
      {
        merId: MERCHANT,
        orderId: request.attemptId,
        txnTime: request.txnTime ?? '',
        txnType: '01',
        amountFen: request.amount,
        respCode: verdict.code,
        maskedPan: maskPan(card.pan),
        ...(verdict.lost ? { queriesSay: verdict.answerCode } : {}),
      },
      now,
    );
    // Never pending but for a lost answer: the sandbox decides every transaction at once.
    if (verdict.lost) return { outcome: 'pending', responseCode: verdict.answerCode };
    return sandboxResult(verdict.code, entry.queryId, card.kind);
  }

  return {
    async pay(request) {
      if (opts.latencyMs) await delay(opts.latencyMs);
      return decide(request);
    },
    query(ref: AttemptRef): Promise<QueryResult> {
      const entry = ledger.find(MERCHANT, ref.attemptId, ref.txnTime);
      if (entry?.queriesSay === '03') return Promise.resolve({ outcome: 'pending' });
      return Promise.resolve(entry ? sandboxResult(entry.respCode, entry.queryId, ref.cardKind) : { outcome: 'not_found' });
    },
    // The sandbox acquirer's time, so attempts recorded against it look like those sent over ACP.
    txnTimeOf: shanghaiTimestamp,
    parseNotification(): NotificationVerdict {
      // It answers every payment at once and notifies nothing: any body claiming to be its word is not.
      return { ok: false, reason: 'unexpected' };
    },
    reversalOrderIdOf: (reversalId) => reversalId.replace(/[^A-Za-z0-9]/g, ''),
    reversalsSent: () => reversals,
    reverse(request): Promise<ReversalAnswer> {
      reversals += 1;
      const verdict = decideReversal(
        ledger,
        {
          merId: MERCHANT,
          orderId: request.acquirerOrderId,
          txnTime: request.txnTime,
          txnType: request.kind === 'cancel' ? '31' : '04',
          amountFen: request.amount,
          origQryId: request.origAcquirerRef,
        },
        opts.now(),
      );
      if (verdict.kind === 'answer') {
        if (verdict.code === '12') return Promise.resolve({ outcome: 'unknown', responseCode: '12' });
        return Promise.resolve({
          outcome: 'rejected',
          responseCode: verdict.code,
          ...(verdict.code === '39' ? { afterCutOff: true } : {}),
        });
      }
      // A slow answer is, to the caller, no answer: it queries.
      if (verdict.slow || verdict.answerCode !== '00')
        return Promise.resolve({ outcome: 'unknown', responseCode: verdict.answerCode });
      return Promise.resolve({ outcome: 'accepted', acquirerRef: verdict.entry.queryId, responseCode: '00' });
    },
    queryReversal(ref): Promise<ReversalQueryResult> {
      const entry = ledger.find(MERCHANT, ref.acquirerOrderId, ref.txnTime);
      if (!entry) return Promise.resolve({ outcome: 'not_found' });
      if (entry.respCode === '00')
        return Promise.resolve({ outcome: 'succeeded', acquirerRef: entry.queryId, responseCode: '00' });
      if (entry.respCode === '03') return Promise.resolve({ outcome: 'pending' });
      return Promise.resolve({ outcome: 'failed', responseCode: entry.respCode });
    },
    smsCodeRequired(card) {
      return findTestCard(card.pan)?.needsSmsCode === true || opts.policy?.smsCodeForAll === true;
    },
    requestSmsCode(request) {
      const code = decideSmsRequest(request.card.pan, request.holder.mobile);
      if (code !== '00') return Promise.resolve({ ok: false, reason: sandboxDeclineReason(code, request.card.kind) });
      smsSent.add(request.attemptId);
      return Promise.resolve({ ok: true });
    },
  };
}
