/** Helpers of the callback-mode end-to-end tests (test/e2e/callback-*.e2e.test.ts). */
import fs from 'node:fs';
import pino from 'pino';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { connectSimulatedCaller, type SimulatedCaller } from '../../simulator/simulated-caller';
import type { AdminDeps } from '../../src/cli/run-admin';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { createBankService } from '../../src/services/bank-service';
import { createCallbackService } from '../../src/callback/callback-service';
import { createLineService, storedLineUsage } from '../../src/callback/line-service';
import { createSmsService } from '../../src/services/sms-service';
import { createStore } from '../../src/store/store';
import { TEST_PHONE_APP } from '../../scripts/asterisk/asterisk-config';
import { api, type CallbackOrderView, type E2eHarness } from './e2e-service';
import type { TestClock } from './test-clock';
import { testOutputFile } from './test-output';
import { DEBIT } from './test-cards';

export const MINUTE = 60_000;

/** The sandbox's test phones (dialplan/sandbox/extensions-tests.conf, context ivrpay-test-phones). */
export const PHONE = {
  answersAndPays: '13800000001',
  answersThenHangsUp: '13800000002',
  busy: '13800000003',
  congested: '13800000004',
  neverAnswers: '13800000005',
  doesNotExist: '13800000006',
};

/** What a cardholder who answers keys to pay with the debit test card (PIN, ID number, mobile, confirm). */
export const PAYS_WITH_DEBIT = {
  card: `${DEBIT}#`,
  pin: `${TEST_PIN}#`,
  id: `${TEST_HOLDER.idNumber}#`,
  mobile: `${TEST_HOLDER.mobile}#`,
  confirm: '1',
};

/** What every callback e2e service runs with: the sandbox's test phones, 10 outbound lines, a 5 s ring timeout. */
export const CALLBACK_ENV = {
  CALLBACK_ENDPOINT: 'Local/{dial}@ivrpay-test-phones',
  CALLBACK_MOBILE_ZERO_OUT_OF_AREA: 'false',
  TRUNK_LINES: '20',
  CALLBACK_MAX_LINES: '10',
  CALLBACK_RESERVED_INBOUND_LINES: '5',
  CALLBACK_CPS: '20',
  CALLBACK_RING_TIMEOUT_SECONDS: '5',
  SMS_PROVIDER: 'outbox',
  SMS_MAX_PER_ORDER: '1',
  SMS_INBOUND_NUMBER: '4008205588',
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` says so; fails with the last value after `timeoutMs`. */
export async function waitFor<T, U extends T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => value is U,
  timeoutMs?: number,
): Promise<U>;
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs?: number,
): Promise<T>;
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

/** The order as its merchant reads it, once its callback has `n` attempts that have ended. */
export function waitForAttempts(h: E2eHarness, orderId: string, n: number, timeoutMs = 30_000): Promise<CallbackOrderView> {
  return waitFor(
    `${n} ended attempt(s) of ${orderId}`,
    () => api(h, `/v1/orders/${orderId}`),
    (o): o is CallbackOrderView =>
      o.callback !== undefined && o.callback.state !== 'dialing' && o.callback.attempts.filter((a) => a.endedAt).length >= n,
    timeoutMs,
  );
}

/** The gap between an attempt's end and the next call, in minutes (the policy counts from the end). */
export function redialDelayMinutes(order: CallbackOrderView): number {
  const last = order.callback.attempts.at(-1);
  // A missing time parses as NaN, and the test's range check fails on it.
  return (Date.parse(order.callback.nextCallAt ?? '') - Date.parse(last?.endedAt ?? '')) / MINUTE;
}

/** The simulated cardholder behind the test phone 13800000001 (its Stasis app). */
export async function connectTestPhone(h: E2eHarness): Promise<SimulatedCaller> {
  return connectSimulatedCaller({
    url: h.config.ari.url,
    user: h.config.ari.user,
    password: h.config.ari.password ?? loadOrCreateSandboxSecrets(h.config.dataDir).ariPassword,
    app: TEST_PHONE_APP,
    requestTimeoutMs: h.config.ari.requestTimeoutMs,
  });
}

/** The originator's "callback dialling" lines in the service log: one per call Asterisk was asked to place. */
export function dialledAttempts(name: string, ids: string[]): Array<{ orderId: string; attemptId: string }> {
  const wanted = new Set(ids);
  return fs
    .readFileSync(testOutputFile(`${name}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"callback dialling"'))
    .map((line) => JSON.parse(line) as { orderId: string; attemptId: string })
    .filter((entry) => wanted.has(entry.orderId))
    .map(({ orderId, attemptId }) => ({ orderId, attemptId }));
}

export function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The most attempts (ended ones) whose [started_at, ended_at] intervals overlap at one instant. */
export function maxOverlap(attempts: Array<{ started_at: string; ended_at: string | null }>): number {
  const edges = attempts.flatMap((a) => [
    { at: Date.parse(a.started_at), step: 1 },
    { at: Date.parse(a.ended_at ?? ''), step: -1 },
  ]);
  edges.sort((x, y) => x.at - y.at || x.step - y.step);
  let open = 0;
  let most = 0;
  for (const e of edges) {
    open += e.step;
    most = Math.max(most, open);
  }
  return most;
}

/** The admin CLI's services over the running service's store and clock, as `npm run admin` builds them. */
export function adminDeps(h: E2eHarness, clock: TestClock): AdminDeps {
  const deps = { store: createStore(h.service.db), log: pino({ level: 'silent' }), now: () => clock.now() };
  return {
    merchants: h.service.merchants,
    orders: h.service.orders,
    banks: createBankService(deps),
    callbacks: createCallbackService(deps),
    // Listing only: sending is the service's job.
    sms: createSmsService({ ...deps, sms: { send: () => Promise.reject(new Error('not sent from the CLI')) } }),
    lines: createLineService({ lines: h.config.callback.lines, usage: storedLineUsage(deps.store, deps.now), now: deps.now }),
  };
}
