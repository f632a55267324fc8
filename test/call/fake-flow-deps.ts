import { Writable } from 'node:stream';
import pino from 'pino';
import type { HolderData } from '../../src/call/holder-data';
import type { PaymentResult } from '../../src/call/payment-result';
import { createSandboxAcquirer } from '../../sandbox-acquirer/sandbox-acquirer';
import type { CallOrder, CallSettings, ClaimResult, PaymentFlowDeps } from '../../src/call/call-ports';
import type { BankStatus } from '../../src/domain/bank';
import { BANKS, lookupBin } from '../../src/domain/bin-table';
import type { CardKind } from '../../src/domain/card-kind';
import type { Language } from '../../src/domain/language';
import { maskPan } from '../../src/domain/mask';

export const PAY_CODE = '583920';
/** 2026-03-15 10:00 in Shanghai. */
export const NOW = new Date('2026-03-15T02:00:00Z');

type OrderState = 'created' | 'in_call' | 'paid' | 'declined' | 'abandoned' | 'expired';

/** What the fake payment service was sent, masked as a real one would record it. */
export interface PaymentSeen {
  orderId: string;
  masked: string;
  kind: CardKind;
  bankCode: string;
  /** A copy taken when sent; the script blanks its own after the answer. */
  holder: HolderData;
}

export interface FakeFlow {
  deps: PaymentFlowDeps;
  order: CallOrder;
  state(): OrderState;
  setState(state: OrderState): void;
  claims: string[];
  releases: { orderId: string; callId: string; outcome: 'abandoned' | 'declined' }[];
  /** The inbound callers handed to a release, for the SMS reminder (none for callbacks). */
  callersToRemind: { orderId: string; outcome: 'abandoned' | 'declined'; callerNumber: string }[];
  payments: PaymentSeen[];
  bankStatus: Map<string, BankStatus>;
  /** Every log line written during the run, as JSON text. */
  logText(): string;
}

export interface FakeFlowOptions {
  amount?: number;
  /** The order's language as the order side resolves it (the order's own, else its merchant's). */
  language?: Language;
  requires?: CallOrder['requires'];
  /** The merchant's call options: card keyed twice, recorded greeting. */
  confirmCard?: boolean;
  greetingLanguages?: CallOrder['greetingLanguages'];
  settings?: Partial<CallSettings>;
  /** Runs while the payment is with the acquirer (e.g. the caller hangs up). */
  duringPayment?: () => void;
  /** Replaces the sandbox acquirer's answer. */
  payResult?: () => Promise<PaymentResult>;
}

/** In-memory orders and payments, the real BIN table and the real sandbox acquirer, pino into memory. */
export function createFakeFlow(options: FakeFlowOptions = {}): FakeFlow {
  const order: CallOrder = {
    id: 'order-1',
    merchantId: 'mch_test',
    merchantName: 'Test Shop',
    amount: options.amount ?? 12345,
    currency: 'CNY',
    requires: options.requires ?? { idNumber: false, mobile: false },
    ...(options.language ? { language: options.language } : {}),
    confirmCard: options.confirmCard ?? false,
    greetingLanguages: options.greetingLanguages ?? [],
  };
  let state: OrderState = 'created';
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const acquirer = createSandboxAcquirer({ now: () => NOW });
  const bankStatus = new Map<string, BankStatus>(BANKS.map((b) => [b.code, b.defaultStatus]));
  /** The order, if it is free to take. */
  const claim = (): ClaimResult => {
    if (state === 'expired' || state === 'paid' || state === 'in_call') return { ok: false, reason: state };
    state = 'in_call';
    return { ok: true, order };
  };
  const flow: FakeFlow = {
    order,
    state: () => state,
    setState: (s) => {
      state = s;
    },
    claims: [],
    releases: [],
    callersToRemind: [],
    payments: [],
    bankStatus,
    logText: () => lines.join(''),
    deps: {
      settings: {
        firstDigitTimeoutMs: 8000,
        interDigitTimeoutMs: 5000,
        completePauseMs: 1500,
        maxAttempts: 3,
        maxCards: 3,
        // Off unless a test is about it (test/call/offer-language.test.ts): the other scripts have no answer for it.
        languageSwitch: false,
        languageSwitchTimeoutMs: 2000,
        ...options.settings,
      },
      now: () => NOW,
      // No time or pid: digits in them could hide or fake a leak in the card-data scan.
      log: pino({ level: 'debug', base: undefined, timestamp: false }, sink),
      orders: {
        claimByPayCode(payCode, callId) {
          flow.claims.push(callId);
          if (payCode !== PAY_CODE) return Promise.resolve({ ok: false, reason: 'unknown' });
          // By pay code only: a declined order has lost its code.
          if (state === 'declined') return Promise.resolve({ ok: false, reason: 'not_payable' });
          return Promise.resolve(claim());
        },
        claimById(orderId, callId) {
          flow.claims.push(callId);
          if (orderId !== order.id) return Promise.resolve({ ok: false, reason: 'unknown' });
          return Promise.resolve(claim());
        },
        languageOf(orderId) {
          return Promise.resolve(orderId === order.id ? order.language : undefined);
        },
        releaseAfterCall(orderId, callId, outcome, caller) {
          flow.releases.push({ orderId, callId, outcome });
          if (caller) flow.callersToRemind.push({ orderId, outcome, callerNumber: caller.callerNumber });
          if (state === 'in_call') state = outcome;
          return Promise.resolve();
        },
      },
      cards: {
        lookup(pan) {
          const bin = lookupBin(pan);
          if (!bin) return Promise.resolve(undefined);
          return Promise.resolve({
            bankCode: bin.bankCode,
            kind: bin.kind,
            bankStatus: bankStatus.get(bin.bankCode) ?? 'disabled',
          });
        },
      },
      payments: {
        async pay(input) {
          flow.payments.push({
            orderId: input.orderId,
            masked: maskPan(input.card.pan),
            kind: input.card.kind,
            bankCode: input.bankCode,
            holder: { ...input.holder },
          });
          const request = {
            orderId: input.orderId,
            attemptId: `a${flow.payments.length}`,
            amount: order.amount,
            currency: 'CNY' as const,
            card: input.card,
            holder: input.holder,
          };
          const answer = options.payResult ? options.payResult() : acquirer.pay(request);
          options.duringPayment?.();
          const result = await answer;
          if (result.outcome === 'approved') state = 'paid';
          return result;
        },
      },
    },
  };
  return flow;
}
