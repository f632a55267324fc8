/**
 * `npm run demo`: with `npm start` running, creates a merchant and an order, calls the IVR like a
 * cardholder keying the sandbox debit card, and prints what was heard and the order at the end.
 * `npm run demo -- --day`: a merchant's whole day and night instead (scripts/demo-day.ts).
 * `npm run demo -- --agent`: an agent-assisted payment, printing the agent page's view (scripts/demo-agent.ts).
 */
import { TEST_HOLDER, TEST_PIN, testCardFor } from '../sandbox-acquirer/test-cards';
import { connectSimulatedCaller } from '../simulator/simulated-caller';
import { demoAgent } from './demo-agent';
import { demoDay } from './demo-day';
import { PROMPTS, isPromptId } from '../src/call/prompt-manifest';
import { openStore } from '../src/compose';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { loadOrCreateSandboxSecrets } from '../src/config/sandbox-secrets';
import { errorMessage } from '../src/lib/error-message';
import { createLogger } from '../src/log/logger';
import type { OrderView } from '../src/order/order-view';
import { createMerchantService } from '../src/services/merchant-service';
import { createStore } from '../src/store/store';

const DEMO_CARD = testCardFor('debit', 'approved').pan;

/** The merchant API's answer, taken as an order: the demo reads nothing else. */
async function api(base: string, apiKey: string, path: string, body?: unknown): Promise<OrderView> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as OrderView;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** `--agent`: an agent-assisted payment against the running service (scripts/demo-agent.ts). */
async function agentDemo(): Promise<void> {
  const config = loadConfigOrExit();
  const base = `http://${config.http.host}:${config.http.port}`;
  const health = await fetch(`${base}/healthz`).catch(() => undefined);
  if (!health?.ok) throw new Error(`nothing answers at ${base}: run \`npm start\` in another terminal first`);
  await demoAgent(config, base);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: 'silent' });
  const base = `http://${config.http.host}:${config.http.port}`;
  const health = await fetch(`${base}/healthz`).catch(() => undefined);
  if (!health?.ok) throw new Error(`nothing answers at ${base}: run \`npm start\` in another terminal first`);

  // The service's store (SQLite, or PostgreSQL with DATABASE_URL: a cluster's nodes share it).
  const db = await openStore(config);
  const merchant = await createMerchantService({ store: createStore(db), now: () => new Date(), log }).createMerchant(
    'Demo shop 演示商户',
  );
  await db.destroy();

  const order = await api(base, merchant.apiKey, '/v1/orders', {
    merchantOrderId: `DEMO${Date.now()}`,
    amount: 12345,
    currency: 'CNY',
    description: 'ivrpay demo',
    mode: 'inbound',
  });
  console.log(`order ${order.id}: ¥123.45, pay code ${order.payCode}; calling the IVR as a cardholder…\n`);

  const caller = await connectSimulatedCaller({
    url: config.ari.url,
    user: config.ari.user,
    password: config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword,
    app: 'ivrpay-demo-caller',
    requestTimeoutMs: config.ari.requestTimeoutMs,
  });
  try {
    const result = await caller.call({
      endpoint: `Local/${order.payCode}@ivrpay-inbound`,
      // Keyed as a cardholder would, without `#`: this 19-digit card number, the PIN, ID and mobile each end on
      // their last digit (a 16-digit card would end on `#` or a short pause).
      answers: {
        card: DEMO_CARD,
        pin: TEST_PIN,
        id: TEST_HOLDER.idNumber.replace('X', '*'),
        mobile: TEST_HOLDER.mobile,
        confirm: '1',
      },
      timeoutMs: 180_000,
    });
    for (const id of result.promptsHeard) console.log(`  🔊 ${isPromptId(id) ? PROMPTS[id][0] : id}`);
    console.log(`\nfields keyed: ${result.fieldsAsked.join(', ')}; the call ended (${result.hungUpBy})`);
    // The acquirer's answer follows the confirmation key, so its silence is the payment's time, not the IVR's.
    const silences = result.silences.map((s) => `${s.field} ${s.ms} ms`).join(', ');
    console.log(`silence after each field (last key → next prompt): ${silences || 'none measured'}`);
  } finally {
    await caller.close();
  }
  const final = await api(base, merchant.apiKey, `/v1/orders/${order.id}`);
  console.log(`\norder ${final.id} is ${final.status.toUpperCase()}`);
  console.log(JSON.stringify(final, null, 2));
  if (final.status !== 'paid') process.exitCode = 1;
}

const args = process.argv.slice(2);
(args.includes('--day') ? demoDay() : args.includes('--agent') ? agentDemo() : main()).catch((err: unknown) => {
  console.error(`demo failed: ${errorMessage(err)}`);
  process.exit(1);
});
