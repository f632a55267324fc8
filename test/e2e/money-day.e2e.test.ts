import fs from 'node:fs';
import { expect } from 'chai';
import pino from 'pino';
import { acpOrderIdOf } from '../../src/acquirer/acp';
import { runAdmin } from '../../src/cli/run-admin';
import { composeCore, composeReconciliation } from '../../src/compose';
import { billableMinutes } from '../../src/fees/fee-rules';
import { ZM_OFFSETS } from '../../src/reconciliation/zm-layout';
import type { ReconciliationItemRow } from '../../src/store/reconciliation-rows';
import type { CallLegRow } from '../../src/store/settlement-rows';
import { createStore } from '../../src/store/store';
import type { SettlementView } from '../../src/settlement/settlement-view';
import { TEST_CARDS, TEST_HOLDER, TEST_PIN, testCardFor } from '../../sandbox-acquirer/test-cards';
import { creditPaymentKeys } from '../helpers/test-cards';
import { startE2e, TEST_CONTEXT, type E2eHarness } from '../helpers/e2e-service';
import { startMerchantEndpoint, type MerchantEndpoint } from '../helpers/merchant-endpoint';
import { createTestClock, nextShanghaiHour, type TestClock } from '../helpers/test-clock';
import { testOutputFile } from '../helpers/test-output';

const HOUR = 3_600_000;
const holder = { id: `${TEST_HOLDER.idNumber}#`, mobile: `${TEST_HOLDER.mobile}#` };
const debitKeys = (pan: string) => ({ card: `${pan}#`, pin: `${TEST_PIN}#`, ...holder, confirm: '1', 'another-card': '2' });

/** The merchant's fee plan (fen, basis points): small minimums, so each fee is the rate's, rounded half up. */
const PLAN = { opening: 50_000, annual: 36_000, debitBps: 50, creditBps: 60, min: 10, max: 5_000, inboundPerMinute: 12 };

/**
 * One business day of a merchant, end to end (issue 11 "Done when"): payments by phone through the sandbox Asterisk
 * and the sandbox acquirer over ACP (debit, credit, a decline, an answer lost so only the file can tell, a card the
 * acquirer treats as past its cut-off), a partial refund, a same-day cancel and a refund after the cut-off through
 * the merchant API; then the night: the settlement batch at 02:30, the acquirer's file, with three discrepancies
 * injected, reconciled at 09:30; and the next day's batch, which takes the payment the file settled.
 */
describe('a merchant’s day: payments, refunds, reconciliation and settlement @e2e', function () {
  this.timeout(600_000);
  let h: E2eHarness;
  let clock: TestClock;
  let endpoint: MerchantEndpoint;
  let merchant: { id: string; apiKey: string };
  let admin: (...argv: string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

  before(async () => {
    clock = createTestClock(nextShanghaiHour(10));
    h = await startE2e('money-day', {}, { now: clock.now });
    endpoint = await startMerchantEndpoint();
    merchant = await h.service.merchants.createMerchant('一日商户 money day');
    // The admin CLI as an operator runs it, on the service's store and clock, fetching files from its acquirer.
    const deps = { store: createStore(h.service.db), log: pino({ level: 'silent' }), now: clock.now };
    const core = composeCore(h.config, deps);
    const reconciliation = composeReconciliation(h.config, deps, { acquirer: h.service.acquirer.acquirer });
    admin = (...argv) => runAdmin(argv, { ...core, reconciliation });
  });
  after(async () => {
    await endpoint?.close();
    await h?.stop();
  });

  async function call(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<Response> {
    return fetch(`${h.apiBase}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        authorization: `Bearer ${merchant.apiKey}`,
        'content-type': 'application/json',
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
  }
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  type Order = {
    id: string;
    payCode: string;
    status: string;
    refundedAmount?: number;
    refunds?: { kind: string; state: string }[];
  };

  const order = (tag: string, amount: number) =>
    json<Order>(
      call('/v1/orders', {
        body: {
          merchantOrderId: `DAY${Date.now()}${tag}`,
          amount,
          currency: 'CNY',
          notifyUrl: endpoint.url,
          expiresInSeconds: 7 * 86_400,
        },
      }),
    );
  const events = () =>
    endpoint.received.map((r) => JSON.parse(r.body) as { id: string; type: string; data: { id?: string; orderId?: string } });
  async function waitForEvents(n: number): Promise<void> {
    for (let i = 0; i < 300 && new Set(events().map((e) => e.id)).size < n; i++) await new Promise((r) => setTimeout(r, 100));
  }

  it('runs the day, and the reports, states, webhooks and statements come out exactly', async () => {
    const day = clock.now();
    const dayText = new Date(day.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    expect((await admin('fees', 'set', '--merchant', merchant.id, ...planArgs(dayText))).exitCode).to.equal(0);

    // --- The day: five calls at once.
    const [a, b, c, d, e] = await Promise.all([
      order('A', 100_00),
      order('B', 88_00),
      order('C', 50_00),
      order('D', 66_00),
      order('E', 120_00),
    ]);
    const dial = (o: Order) => `Local/${o.payCode}@${TEST_CONTEXT}`;
    const heard = await Promise.all([
      h.caller.call({ endpoint: dial(a), answers: debitKeys(testCardFor('debit', 'approved').pan), timeoutMs: 150_000 }),
      h.caller.call({ endpoint: dial(b), answers: creditPaymentKeys(testCardFor('credit', 'approved').pan), timeoutMs: 150_000 }),
      h.caller.call({
        endpoint: dial(c),
        answers: debitKeys(testCardFor('debit', 'insufficient_funds').pan),
        timeoutMs: 150_000,
      }),
      h.caller.call({ endpoint: dial(d), answers: debitKeys(testCardFor('debit', 'answer_lost').pan), timeoutMs: 150_000 }),
      h.caller.call({ endpoint: dial(e), answers: debitKeys(afterCutOffCard()), timeoutMs: 150_000 }),
    ]);
    expect(heard.map((r) => r.promptsHeard.includes('payment-success'))).to.deep.equal([true, true, false, false, true]);
    expect(heard[2].promptsHeard).to.include('reason-insufficient_funds');
    const status = async (o: Order) => (await json<Order>(call(`/v1/orders/${o.id}`))).status;
    const statuses = await Promise.all([a, b, c, d, e].map(status));
    expect([statuses[0], statuses[1], statuses[2], statuses[4]]).to.deep.equal(['paid', 'paid', 'declined', 'paid']);
    expect(statuses[3], 'the answer-lost payment is not paid before the file says so').not.to.equal('paid');
    const attemptOf = async (o: Order) =>
      (await h.service.db('payment_attempts').where({ order_id: o.id }).first()) as {
        id: string;
        state: string;
        acquirer_ref: string | null;
      };
    expect(['unknown', 'unknown_manual']).to.include((await attemptOf(d)).state);

    // --- Refunds: a partial refund, a same-day cancel, and a cancel the acquirer refuses as past its cut-off.
    const refund = (o: Order, amount: number, key: string) =>
      call(`/v1/orders/${o.id}/refunds`, { body: { amount, reason: 'customer asked' }, key });
    const refunds = await Promise.all([refund(a, 30_00, 'ra'), refund(b, 88_00, 'rb'), refund(e, 120_00, 're')]);
    const refundViews = await Promise.all(refunds.map((r) => json<{ id: string; kind: string; state: string }>(r)));
    expect(refunds.map((r) => r.status)).to.deep.equal([201, 201, 201]);
    expect(refundViews.map((r) => [r.kind, r.state])).to.deep.equal([
      ['refund', 'succeeded'],
      ['cancel', 'succeeded'],
      ['refund', 'succeeded'],
    ]);
    // Above what is left, on an unpaid order: refused, nothing changes.
    expect((await refund(a, 70_01, 'ra2')).status).to.equal(422);
    expect((await refund(c, 1_00, 'rc')).status).to.equal(409);
    const afterRefunds = await Promise.all([a, b, e].map((o) => json<Order>(call(`/v1/orders/${o.id}`))));
    expect(afterRefunds.map((o) => [o.status, o.refundedAmount])).to.deep.equal([
      ['partially_refunded', 30_00],
      ['refunded', 88_00],
      ['refunded', 120_00],
    ]);

    // --- 02:30 the next day: the batch of the day (T+1). D is still unknown, so it is not in it.
    clock.advanceTo(new Date(Date.parse(`${dayText}T18:30:00Z`)));
    const settleDate = addDays(dayText, 1);
    const run = await admin('settlement', 'run', '--date', settleDate, '--json');
    expect(run.exitCode, run.stderr).to.equal(0);
    const legs: CallLegRow[] = await h.service.db('call_legs').where({ merchant_id: merchant.id });
    expect(legs).to.have.length(5);
    const minutes = legs.reduce((sum, leg) => sum + billableMinutes(leg.answered_at, leg.ended_at ?? leg.started_at), 0);
    const { settlements: statement } = await json<{ settlements: SettlementView[] }>(call(`/v1/settlements?date=${settleDate}`));
    expect(statement).to.have.length(1);
    const fee = (amount: number, bps: number) =>
      Math.max(PLAN.min, Math.min(PLAN.max, Math.floor((amount * bps + 5_000) / 10_000)));
    const txnFees = fee(100_00, PLAN.debitBps) + fee(88_00, PLAN.creditBps) + fee(120_00, PLAN.debitBps);
    const fees = {
      transaction: txnFees,
      communication: minutes * PLAN.inboundPerMinute,
      annualService: PLAN.annual,
      opening: PLAN.opening,
    };
    const totalFees = fees.transaction + fees.communication + fees.annualService + fees.opening;
    expect(statement[0]).to.deep.include({
      businessDate: dayText,
      gross: 308_00,
      refunds: 238_00,
      net: 308_00 - 238_00 - totalFees,
    });
    expect(statement[0].fees).to.deep.equal({ ...fees, total: totalFees });
    const { lines } = await json<{ lines: { amount: number; kind: string }[] }>(call(`/v1/settlements/${statement[0].id}/lines`));
    expect(
      lines
        .filter((l) => l.kind === 'payment')
        .map((l) => l.amount)
        .sort(),
    ).to.deep.equal([100_00, 120_00, 88_00].sort());
    const csv = await (await call(`/v1/settlements/${statement[0].id}/lines?format=csv`)).text();
    fs.writeFileSync(testOutputFile('money-day-statement.csv'), csv);

    // --- 09:30: the acquirer's file of the day, with an extra line, a changed amount and a missing line.
    clock.advanceTo(new Date(Date.parse(`${dayText}T${'01:30:00'}Z`) + 24 * HOUR));
    const settle = dayText.replace(/-/g, '');
    const fetched = await h.service.acquirer.acquirer.reconciliationFile(settle);
    expect(fetched, 'the sandbox answers the file transfer').to.not.equal(undefined);
    const original = fetched!.content.toString('latin1').split('\n').filter(Boolean);
    expect(original).to.have.length(7); // A, B, D, E consumes; A's refund, B's cancel, E's refund
    const attempts = await Promise.all([a, b, d, e].map(attemptOf));
    const lineOf = (acquirerOrderId: string, txnType: string) =>
      original.find((l) => field(l, 'orderId').trim() === acquirerOrderId && field(l, 'txnType') === txnType)!;
    const eRefund = (await h.service.db('refunds').where({ order_id: e.id }).first()) as { acquirer_order_id: string };
    const changed = setField(lineOf(acpOrderIdOf(attempts[1].id), '01'), 'txnAmt', String(88_01).padStart(12, '0'));
    const extra = setField(
      setField(lineOf(acpOrderIdOf(attempts[0].id), '01'), 'queryId', '9'.repeat(21)),
      'orderId',
      'att00000000000000000000000X1',
    );
    const edited = original
      .filter((l) => l !== lineOf(eRefund.acquirer_order_id, '04'))
      .map((l) => (l === lineOf(acpOrderIdOf(attempts[1].id), '01') ? changed : l))
      .concat(extra);
    const file = testOutputFile('money-day-zm.txt');
    fs.writeFileSync(file, `${edited.join('\n')}\n`, 'latin1');

    const reconciled = await admin('reconcile', 'run', '--date', dayText, '--file', file, '--json');
    expect(reconciled.exitCode, reconciled.stderr).to.equal(0);
    const report = JSON.parse(reconciled.stdout) as { items: ReconciliationItemRow[] };
    const kinds = report.items.map((i) => `${i.kind}:${i.txn_type ?? '-'}:${i.resolution ?? '-'}`).sort();
    expect(kinds).to.deep.equal(
      [
        'acquirer_only:01:-', // the extra line
        'amount_mismatch:01:-', // B's consume, 88.01 in the file
        'matched:01:-', // A
        'matched:01:-', // E
        'matched:01:paid', // D, settled by the file
        'matched:04:-', // A's partial refund
        'matched:31:-', // B's cancel
        'ours_only:-:-', // E's refund, missing from the file
      ].sort(),
    );
    expect((await attemptOf(d)).state).to.equal('approved');
    expect(await status(d)).to.equal('paid');
    const again = await admin('reconcile', 'run', '--date', dayText, '--file', file, '--json');
    expect((JSON.parse(again.stdout) as { items: unknown[] }).items, 'a repeated run gives the same report').to.have.length(8);
    fs.writeFileSync(
      testOutputFile('money-day-report.csv'),
      (await admin('reconcile', 'show', '--date', dayText, '--csv')).stdout,
    );

    // --- The webhooks: one event each, deduplicable by id; D's order.paid came from the file.
    await waitForEvents(9);
    const byType = (type: string) => events().filter((ev) => ev.type === type);
    expect(new Set(byType('order.paid').map((ev) => ev.data.id))).to.deep.equal(new Set([a.id, b.id, d.id, e.id]));
    expect(byType('order.declined').map((ev) => ev.data.id)).to.deep.equal([c.id]);
    expect(new Set(byType('refund.succeeded').map((ev) => ev.data.orderId))).to.deep.equal(new Set([a.id, b.id, e.id]));
    expect(byType('refund.failed')).to.deep.equal([]);
    expect(events().length, 'no event was delivered twice').to.equal(new Set(events().map((ev) => ev.id)).size);
    // D's call ended while its payment was unknown (order.abandoned); the file then paid it.
    const tag = new Map([a, b, c, d, e].map((o, i) => [o.id, 'ABCDE'[i]]));
    expect(
      events()
        .map((ev) => `${ev.type} ${tag.get(ev.data.orderId ?? ev.data.id ?? '')}`)
        .sort(),
    ).to.deep.equal(
      ['order.paid A', 'order.paid B', 'order.declined C', 'order.abandoned D', 'order.paid D', 'order.paid E']
        .concat(['refund.succeeded A', 'refund.succeeded B', 'refund.succeeded E'])
        .sort(),
    );

    // --- The next day's batch takes D, which became final after its day had closed.
    clock.advanceTo(new Date(Date.parse(`${addDays(dayText, 1)}T18:30:00Z`)));
    expect((await admin('settlement', 'run', '--date', addDays(dayText, 2), '--json')).exitCode).to.equal(0);
    const { settlements: next } = await json<{ settlements: SettlementView[] }>(
      call(`/v1/settlements?date=${addDays(dayText, 2)}`),
    );
    expect(next[0]).to.deep.include({ gross: 66_00, refunds: 0 });
    expect(next[0].fees).to.deep.include({ transaction: fee(66_00, PLAN.debitBps), opening: 0, annualService: 0 });
  });
});

function planArgs(startsOn: string): string[] {
  return [
    ...['--opening-fee', String(PLAN.opening), '--annual-fee', String(PLAN.annual), '--accounts', '1'],
    ...['--debit-rate-bps', String(PLAN.debitBps), '--debit-min', String(PLAN.min), '--debit-max', String(PLAN.max)],
    ...['--credit-rate-bps', String(PLAN.creditBps), '--credit-min', String(PLAN.min), '--credit-max', String(PLAN.max)],
    ...['--inbound-per-minute', String(PLAN.inboundPerMinute), '--outbound-per-minute', '0', '--starts-on', startsOn],
  ];
}

function afterCutOffCard(): string {
  return TEST_CARDS.find((card) => card.reversal === 'after_cut_off')!.pan;
}

function field(line: string, name: string): string {
  const at = ZM_OFFSETS.get(name)!;
  return line.slice(at.start, at.start + at.width);
}

function setField(line: string, name: string, value: string): string {
  const at = ZM_OFFSETS.get(name)!;
  return line.slice(0, at.start) + value.padEnd(at.width, ' ').slice(0, at.width) + line.slice(at.start + at.width);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
