/**
 * `npm run demo -- --agent`: with `npm start` running, an agent-assisted payment (README, "Agent-assisted payments")
 * with simulated legs: a cardholder calls the desk phone 7001 through ivrpay-agent-assist, a simulated agent answers
 * it, logs in to the agent page, starts the capture there, and this prints what the agent's page shows as it comes
 * (its live events), while the cardholder keys the sandbox debit card.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { TEST_HOLDER, TEST_PIN, testCardFor } from '../sandbox-acquirer/test-cards';
import { AssistLegs } from '../simulator/assist-legs';
import type { CallDisplay } from '../src/agent-assist/call-display';
import { composeCore, openStore } from '../src/compose';
import type { Config } from '../src/config/config';
import { loadOrCreateSandboxSecrets } from '../src/config/sandbox-secrets';
import { createStore } from '../src/store/store';

const DESK_PHONE = '7001';
const AGENT = 'demo-agent';
const KEYS = `${testCardFor('debit', 'approved').pan}${TEST_PIN}${TEST_HOLDER.idNumber.replace('X', '*')}${TEST_HOLDER.mobile}1`;

/** The agent of the desk phone and its merchant's API key: made on the first demo, its password and key renewed after. */
async function deskAgent(config: Config): Promise<{ name: string; apiKey: string; password: string }> {
  const db = await openStore(config);
  try {
    const core = composeCore(config, { store: createStore(db), now: () => new Date(), log: pino({ level: 'silent' }) });
    const existing = (await core.agents.list()).find((a) => a.extension === DESK_PHONE);
    if (existing) {
      const { apiKey } = await core.merchants.rotateApiKey(existing.merchantId);
      const { generatedPassword } = await core.agents.resetPassword(existing.name);
      return { name: existing.name, apiKey, password: generatedPassword! };
    }
    const merchant = await core.merchants.createMerchant('Demo call centre 演示呼叫中心');
    const { generatedPassword } = await core.agents.create({ merchantId: merchant.id, name: AGENT, extension: DESK_PHONE });
    return { name: AGENT, apiKey: merchant.apiKey, password: generatedPassword! };
  } finally {
    await db.destroy();
  }
}

/** The agent's browser, as far as the demo needs one: a cookie, the page's CSRF token, form posts. */
class AgentBrowser {
  private cookie = '';
  constructor(private readonly base: string) {}

  async fetch(path: string, form?: Record<string, string>): Promise<Response> {
    const res = await fetch(`${this.base}/agent${path}`, {
      method: form ? 'POST' : 'GET',
      headers: { cookie: this.cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async csrf(path: string): Promise<string> {
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await this.fetch(path)).text())?.[1];
    if (!token) throw new Error(`no form on /agent${path}`);
    return token;
  }

  async logIn(name: string, password: string): Promise<void> {
    const res = await this.fetch('/login', { name, password, _csrf: await this.csrf('/login') });
    if (res.status !== 303 || res.headers.get('location') !== '/agent') throw new Error(`agent login answered ${res.status}`);
  }

  /** Each call view the page's live stream sends (GET /agent/events). */
  async *events(): AsyncGenerator<CallDisplay> {
    const res = await this.fetch('/events');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (data) yield JSON.parse(data) as CallDisplay;
      }
    }
  }
}

/** What changed on the page since the last view: the capture's state, then each field whose text changed. */
function pageChanges(call: CallDisplay, shown: Map<string, string>): string[] {
  const lines: string[] = [];
  const note = (key: string, text: string) => {
    if (shown.get(key) !== text) lines.push(text);
    shown.set(key, text);
  };
  const c = call.capture;
  if (!c) {
    note('call', `caller ${call.caller} on extension ${call.extension}: ${call.status}`);
    return lines;
  }
  for (const f of c.fields) note(f.field, `  ${f.label}: ${f.value} (${f.check})`);
  note('state', `order ${c.orderId}: ${c.result ?? c.stateText}`);
  return lines;
}

export async function demoAgent(config: Config, base: string): Promise<void> {
  const agent = await deskAgent(config);
  const orderRes = await fetch(`${base}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${agent.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ merchantOrderId: `AGENT${Date.now()}`, amount: 12345, currency: 'CNY', description: 'agent demo' }),
  });
  const order = (await orderRes.json()) as { id: string };
  if (orderRes.status !== 201) throw new Error(`POST /v1/orders answered ${orderRes.status}: ${JSON.stringify(order)}`);
  console.log(`order ${order.id}: ¥123.45; the cardholder calls the agent's desk phone ${DESK_PHONE}…\n`);

  const password = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  const legs = await AssistLegs.connect({
    url: config.ari.url,
    user: config.ari.user,
    password,
    asteriskDir: path.join(config.dataDir, 'asterisk'),
  });
  const browser = new AgentBrowser(base);
  try {
    legs.answerNextAgent();
    const holder = await legs.dialIn(DESK_PHONE, '13812345678', 'ivrpay-agent-assist');
    await browser.logIn(agent.name, agent.password);
    console.log(`the agent logged in at ${base}/agent and sees (live):`);
    const shown = new Map<string, string>();
    let started = false;
    for await (const call of browser.events()) {
      if (call.callId !== holder.callId) continue;
      for (const line of pageChanges(call, shown)) console.log(`  🖥  ${line}`);
      if (!started && call.canStart) {
        started = true;
        const res = await browser.fetch(`/calls/${encodeURIComponent(call.callId)}/capture`, {
          orderId: order.id,
          _csrf: await browser.csrf(''),
        });
        if (res.status !== 303) throw new Error(`start capture answered ${res.status}`);
        console.log('  👩 the agent pressed Start capture; the cardholder keys the card (the agent hears no key)');
        await sleep(500);
        await holder.keys(KEYS);
      }
      if (call.capture?.result) break;
    }
    await sleep(4000);
    await holder.hangup();
  } finally {
    legs.close();
  }
  const final = (await (
    await fetch(`${base}/v1/orders/${order.id}`, { headers: { authorization: `Bearer ${agent.apiKey}` } })
  ).json()) as {
    status: string;
  };
  console.log(`\norder ${order.id} is ${final.status.toUpperCase()}`);
  if (final.status !== 'paid') process.exitCode = 1;
}
