/**
 * `npm run demo -- --day`: with `npm start` running, one merchant's business day and its night. A merchant with a
 * fee plan; five payments called in at once (debit, credit, a decline, an answer the acquirer loses, a card it
 * treats as past its cut-off); a partial refund, a same-day cancel and a refund after the cut-off through the API.
 * Then the night, early: this script's clock jumps to 02:30 tomorrow for the settlement batch and to 09:30 for the
 * reconciliation of today's file (fetched from the sandbox acquirer by ACP file transfer), as the service's jobs
 * would. It prints the reconciliation report and the merchant's statement. The sandbox's day is closed early: later
 * payments of today land in tomorrow's batch.
 */
import pino from 'pino';
import { TEST_CARDS, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN, testCardFor } from '../sandbox-acquirer/test-cards';
import { connectSimulatedCaller } from '../simulator/simulated-caller';
import { runAdmin } from '../src/cli/run-admin';
import { composeCore, composeReconciliation, connectAcquirer, openStore } from '../src/compose';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { loadOrCreateSandboxSecrets } from '../src/config/sandbox-secrets';
import { addDays, beijingDate } from '../src/domain/beijing-day';
import { createStore } from '../src/store/store';

const HOUR = 3_600_000;
const holder = { id: `${TEST_HOLDER.idNumber}#`, mobile: `${TEST_HOLDER.mobile}#` };
const debit = (pan: string) => ({ card: `${pan}#`, pin: `${TEST_PIN}#`, ...holder, confirm: '1', 'another-card': '2' });
const credit = (pan: string) => ({
  card: `${pan}#`,
  expiry: `${TEST_EXPIRY_MMYY}#`,
  cvn2: `${TEST_CVN2}#`,
  ...holder,
  confirm: '1',
});

const PAYMENTS = [
  { tag: 'A', amount: 100_00, what: 'debit card, approved', keys: debit(testCardFor('debit', 'approved').pan) },
  { tag: 'B', amount: 88_00, what: 'credit card, approved', keys: credit(testCardFor('credit', 'approved').pan) },
  {
    tag: 'C',
    amount: 50_00,
    what: 'debit card, insufficient funds',
    keys: debit(testCardFor('debit', 'insufficient_funds').pan),
  },
  { tag: 'D', amount: 66_00, what: 'debit card, the answer is lost', keys: debit(testCardFor('debit', 'answer_lost').pan) },
  {
    tag: 'E',
    amount: 120_00,
    what: 'debit card, past the cut-off',
    keys: debit(TEST_CARDS.find((c) => c.reversal === 'after_cut_off')!.pan),
  },
];
const REFUNDS = [
  { tag: 'A', amount: 30_00, what: 'partial refund' },
  { tag: 'B', amount: 88_00, what: 'whole amount, same day: a cancel' },
  { tag: 'E', amount: 120_00, what: 'whole amount, but the acquirer refuses the cancel: a refund' },
];

export async function demoDay(): Promise<void> {
  const config = loadConfigOrExit();
  const base = `http://${config.http.host}:${config.http.port}`;
  if (!(await fetch(`${base}/healthz`).catch(() => undefined))?.ok) {
    throw new Error(`nothing answers at ${base}: run \`npm start\` in another terminal first`);
  }
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const log = pino({ level: 'silent' });
  const db = await openStore(config);
  const acquirer = await connectAcquirer(config, log, now);
  const caller = await connectSimulatedCaller({
    url: config.ari.url,
    user: config.ari.user,
    password: config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword,
    app: 'ivrpay-demo-caller',
    requestTimeoutMs: config.ari.requestTimeoutMs,
  });
  try {
    const deps = { store: createStore(db), log, now };
    const core = composeCore(config, deps);
    const admin = (...argv: string[]) =>
      runAdmin(argv, { ...core, reconciliation: composeReconciliation(config, deps, { acquirer: acquirer.acquirer }) });
    const today = beijingDate(now());

    const merchant = await core.merchants.createMerchant('Demo day shop 一日演示商户');
    await core.fees.setPlan(merchant.id, {
      ...{ openingFee: 500_00, annualFeePerAccount: 360_00, settlementAccounts: 1, startsOn: today },
      ...{ debitRateBps: 50, debitMinFee: 10, debitMaxFee: 50_00, creditRateBps: 60, creditMinFee: 10, creditMaxFee: 50_00 },
      ...{ inboundPerMinute: 12, outboundPerMinute: 15 },
    });
    console.log(
      `merchant ${merchant.id} with a fee plan: opening ¥500, annual ¥360, debit 0.50 %, credit 0.60 %, ¥0.12 a minute\n`,
    );
    const api = async (path: string, body?: unknown, key?: string) => {
      const res = await fetch(`${base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${merchant.apiKey}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const orders = new Map<string, { id: string; payCode: string }>();
    for (const p of PAYMENTS) {
      const created = await api('/v1/orders', { merchantOrderId: `DAY${Date.now()}${p.tag}`, amount: p.amount, currency: 'CNY' });
      orders.set(p.tag, created.body as { id: string; payCode: string });
    }
    console.log('five cardholders call in at once…');
    const calls = await Promise.all(
      PAYMENTS.map((p) =>
        caller.call({ endpoint: `Local/${orders.get(p.tag)!.payCode}@ivrpay-inbound`, answers: p.keys, timeoutMs: 180_000 }),
      ),
    );
    for (const [i, p] of PAYMENTS.entries()) {
      const order = (await api(`/v1/orders/${orders.get(p.tag)!.id}`)).body;
      const heard = calls[i].promptsHeard.includes('payment-success') ? 'heard success' : 'no success heard';
      console.log(`  ${p.tag} ¥${(p.amount / 100).toFixed(2)} ${p.what}: ${heard}, order ${String(order.status)}`);
    }

    console.log('\nrefunds through the merchant API…');
    for (const r of REFUNDS) {
      const res = await api(`/v1/orders/${orders.get(r.tag)!.id}/refunds`, { amount: r.amount, reason: 'demo' }, `demo-${r.tag}`);
      console.log(`  ${r.tag} ¥${(r.amount / 100).toFixed(2)} ${r.what}: ${String(res.body.kind)} ${String(res.body.state)}`);
    }

    offsetMs = Date.parse(`${addDays(today, 1)}T02:31:00+08:00`) - Date.now();
    const settled = await core.settlement.run(addDays(today, 1));
    offsetMs = Date.parse(`${addDays(today, 1)}T09:31:00+08:00`) - Date.now();
    // The sandbox closes its day at 23:00 Beijing: a payment after it settles tomorrow.
    const fileDate = new Date(Date.now() + 8 * HOUR).toISOString().slice(11, 16) >= '23:00' ? addDays(today, 1) : today;
    const reconciled = await admin('reconcile', 'run', '--date', fileDate);
    console.log(`\n09:30 tomorrow: the acquirer's file of ${fileDate}, reconciled (D was unknown: the file shows it paid)\n`);
    process.stdout.write(reconciled.stdout + reconciled.stderr);

    const mine = settled.find((s) => s.merchantId === merchant.id);
    if (!mine) throw new Error('no statement for the demo merchant');
    console.log(
      `\n02:30 tomorrow: the merchant's statement for ${today} (D, settled by the file at 09:30, goes to the next one)\n`,
    );
    process.stdout.write((await admin('settlement', 'show', mine.id)).stdout);
  } finally {
    await caller.close();
    await acquirer.stop();
    await db.destroy();
  }
}
