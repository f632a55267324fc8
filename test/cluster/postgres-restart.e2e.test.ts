import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { ARI_TEST_NODE_APPS } from '../../scripts/asterisk/asterisk-config';
import { loadConfig } from '../../src/config/config';
import { openPostgres } from '../../src/store/postgres-connection';
import { sandbox } from '../ari/sandbox-asterisk';
import { startClusterNode, stopClusterNode, type ClusterNode } from '../helpers/cluster-node';
import { createProcessStore, processStoreKind, type ProcessStore } from '../helpers/process-store';
import { testOutputFile } from '../helpers/test-output';
import { testPostgresUrl } from '../helpers/test-stores';

const run = promisify(execFile);
const script = path.resolve(__dirname, '..', '..', 'scripts', 'postgres-sandbox');

/**
 * The sandbox PostgreSQL this test may restart: the one in TEST_POSTGRES_DATA_DIR (.ci/run), else, when no
 * TEST_DATABASE_URL names another server, the project's own (DATA_DIR). Undefined: not ours to restart.
 */
function restartableDataDir(): string | undefined {
  if (process.env.TEST_POSTGRES_DATA_DIR) return process.env.TEST_POSTGRES_DATA_DIR;
  return process.env.TEST_DATABASE_URL ? undefined : loadConfig().dataDir;
}
const dataDir = processStoreKind === 'postgres' ? restartableDataDir() : undefined;

/** `scripts/postgres-sandbox stop|start` on that server (start does nothing when it runs). */
function sandboxPg(command: 'start' | 'stop') {
  return run('bash', [script, command], { env: { ...process.env, DATA_DIR: dataDir }, timeout: 60_000 });
}

/** Concurrent clients per node, each sending one order after another. */
const CLIENTS_PER_NODE = 2;
/** No answer may take longer than this, even while PostgreSQL is down. */
const ANSWER_BOUND_MS = 12_000;
/** How long PostgreSQL stays stopped: past NODE_EXPIRY_MS + NODE_HEARTBEAT_MS (below), so no heartbeat is fresh when it is back. */
const DOWN_MS = 4500;
/** A node serves again this soon after PostgreSQL accepts connections (the issue: "nodes reconnect"). */
const SERVE_AGAIN_BOUND_MS = 5000;
/** And takes calls again: one readiness interval (5 s by default) and the checks' own time. */
const READY_AGAIN_BOUND_MS = 7000;

interface Sent {
  key: string;
  body: { merchantOrderId: string; amount: number; mode: 'callback'; phone: string; callAfter: string };
  node: ClusterNode;
  sentAt: number;
  answeredAt: number;
  status: number;
  retryAfter: string | null;
  orderId?: string;
}

/**
 * Issue 12, "PostgreSQL restarted: nodes reconnect, and in-flight API requests get 503 with Retry-After, never a
 * half-written order", end to end: two nodes (processes of their own, on a fresh schema of the sandbox PostgreSQL and
 * the sandbox Asterisk) take a steady stream of callback orders (an order row and its callback row in one
 * transaction), each with an Idempotency-Key, while PostgreSQL is stopped fast (sessions terminated), left down past
 * the nodes' heartbeat expiry, and started again.
 */
(dataDir ? describe : describe.skip)('cluster: PostgreSQL restarted under load @e2e', function () {
  this.timeout(120_000);
  const nodes: ClusterNode[] = [];
  let store: ProcessStore | undefined;

  before(async () => {
    store = await createProcessStore('postgres-restart');
    await sandbox('start');
    // Each client's every request counts against the merchant's limit, shared by the nodes: not what is tested here.
    const common = { ...store.env, NODE_HEARTBEAT_MS: '1000', NODE_EXPIRY_MS: '3000', API_RATE_LIMIT_PER_MINUTE: '1000000' };
    const started = await Promise.all(
      ARI_TEST_NODE_APPS.map((app, i) =>
        startClusterNode(`node-pg-restart-${'ab'[i]}`, { ...common, NODE_ID: `pg-restart-${'ab'[i]}`, ARI_APP: app }),
      ),
    );
    nodes.push(...started);
  });
  after(async () => {
    await Promise.all(nodes.map(stopClusterNode));
    // Running again for the tests after this one, even when this one failed while it was stopped (a no-op otherwise).
    await sandboxPg('start');
    await store?.drop();
  });

  it('when PostgreSQL restarts under a stream of orders, then every answer is 201 or 503 with Retry-After, each 503 retried succeeds, the store holds exactly the orders sent, each whole, and both nodes serve again within seconds', async () => {
    const { apiKey } = await nodes[0].call<{ apiKey: string }>('merchant');
    const sent: Sent[] = [];
    let stopping = false;
    let number = 0;
    // Not due for an hour, so the dialer leaves them alone.
    const callAfter = new Date(Date.now() + 3600_000).toISOString();

    const post = async (node: ClusterNode, key: string, body: Sent['body']) => {
      const sentAt = Date.now();
      const res = await fetch(`${node.apiBase}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      const answer = (await res.json()) as { id?: string };
      return {
        key,
        body,
        node,
        sentAt,
        answeredAt: Date.now(),
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        orderId: answer.id,
      };
    };
    const client = async (node: ClusterNode) => {
      while (!stopping) {
        number += 1;
        const body = {
          merchantOrderId: `PGR${number}`,
          amount: 100 + number,
          mode: 'callback' as const,
          phone: '13552535506',
          callAfter,
        };
        const answer = await post(node, randomUUID(), body);
        sent.push(answer);
        // After a 503 the next order waits a little (not the whole Retry-After, so the outage's end is seen at once).
        await new Promise((resolve) => setTimeout(resolve, answer.status === 503 ? 250 : 5));
      }
    };
    const clients = nodes.flatMap((node) => Array.from({ length: CLIENTS_PER_NODE }, () => client(node)));

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const restartAt = Date.now();
    const back = acceptingAgainAt(testPostgresUrl as string, restartAt);
    await sandboxPg('stop');
    const stoppedAt = Date.now();
    // Down longer than a node's expiry: the nodes' heartbeats, readiness checks and jobs fail meanwhile.
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await sandboxPg('start');
    const backAt = await back;
    // Until each node has answered 201 to an order sent after PostgreSQL was back, and a second more.
    const servedAgainAt = new Map<ClusterNode, number>();
    while (servedAgainAt.size < nodes.length && Date.now() - backAt < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const s of sent) {
        if (s.status === 201 && s.sentAt >= backAt && !servedAgainAt.has(s.node)) servedAgainAt.set(s.node, s.answeredAt);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stopping = true;
    await Promise.all(clients);

    const byStatus = count(sent.map((s) => s.status));
    const unavailable = sent.filter((s) => s.status === 503);
    const slowest = Math.max(...sent.map((s) => s.answeredAt - s.sentAt));
    const servedAgainMs = nodes.map((n) => (servedAgainAt.get(n) ?? Infinity) - backAt);
    console.log(
      `      ${sent.length} orders sent; answers ${JSON.stringify(byStatus)}; slowest answer ${slowest} ms; PostgreSQL ` +
        `stopped ${stoppedAt - restartAt} ms after the stop began, accepted connections again ${backAt - stoppedAt} ms ` +
        `after it stopped; the nodes answered 201 again ${servedAgainMs.join(' and ')} ms after that`,
    );
    expect(Object.keys(byStatus).sort(), 'only 201 and 503').to.satisfy((codes: string[]) =>
      codes.every((c) => c === '201' || c === '503'),
    );
    expect(unavailable.length, 'the restart was seen by some requests').to.be.above(0);
    expect(unavailable.filter((s) => s.retryAfter === null)).to.deep.equal([]);
    expect(slowest).to.be.below(ANSWER_BOUND_MS);
    for (const ms of servedAgainMs) expect(ms).to.be.below(SERVE_AGAIN_BOUND_MS);

    // Each 503 sent again as it was, with its key, after Retry-After; a 409 (its key still held) is asked again.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let stillHeld = 0;
    const retry = async (first: Sent) => {
      let again = await post(first.node, first.key, first.body);
      for (let i = 0; again.status === 409 && i < 10; i++) {
        stillHeld += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
        again = await post(first.node, first.key, first.body);
      }
      expect(again.status, `retry of ${first.body.merchantOrderId}`).to.equal(201);
      Object.assign(first, { status: again.status, orderId: again.orderId });
    };
    const queue = [...unavailable];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await retry(next);
      }),
    );
    console.log(
      `      ${unavailable.length} orders answered 503 retried: all 201 (${stillHeld} retries found their key still held)`,
    );

    const db = (await store?.open()) as Knex;
    try {
      const { rows } = await db.raw<{
        rows: { id: string; merchant_order_id: string; amount: number; callback_id: string | null }[];
      }>(
        `select o.id, o.merchant_order_id, o.amount, c.id as callback_id
           from orders o left join callbacks c on c.order_id = o.id`,
      );
      const acknowledged = sent.map((s) => ({ id: s.orderId, merchantOrderId: s.body.merchantOrderId, amount: s.body.amount }));
      const stored = rows.map((r) => ({ id: r.id, merchantOrderId: r.merchant_order_id, amount: r.amount }));
      expect(sortBy(stored), 'the orders stored are exactly those acknowledged').to.deep.equal(sortBy(acknowledged));
      expect(
        rows.filter((r) => r.callback_id === null),
        'orders without their callback',
      ).to.deep.equal([]);
      expect(Number((await db('callbacks').count({ n: '*' }))[0].n), 'callbacks without their order').to.equal(rows.length);
      const nodeRows = await db.raw<{ rows: { id: string }[] }>('select id from nodes order by id');
      expect(
        nodeRows.rows.map((r) => r.id),
        'neither node was taken for dead',
      ).to.deep.equal(['pg-restart-a', 'pg-restart-b']);
    } finally {
      await db.destroy();
    }
    for (const node of nodes) expect(node.child.exitCode, `${node.name} still runs`).to.equal(null);
    // The background work (heartbeats, readiness, jobs) logged the outage and carried on: warnings, no errors.
    // Calls are taken again at the first readiness check (every READINESS_INTERVAL_MS, 5 s) after it is back.
    for (const node of nodes) {
      const readyLine = (l: { msg: string; time: string }) => l.msg === 'ready: taking calls' && Date.parse(l.time) >= backAt;
      while (!loggedBy(node).some(readyLine) && Date.now() - backAt < READY_AGAIN_BOUND_MS) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const lines = loggedBy(node);
      const warnings = count(lines.filter((l) => l.level === 40).map((l) => l.msg));
      const readyAgain = lines.find(readyLine);
      const readyMs = readyAgain ? Date.parse(readyAgain.time) - backAt : Infinity;
      console.log(
        `      ${node.name} took calls again ${readyMs} ms after PostgreSQL was back; warned: ${JSON.stringify(warnings)}`,
      );
      expect(
        lines.filter((l) => l.level >= 50).map((l) => l.msg),
        `${node.name} logged errors`,
      ).to.deep.equal([]);
      expect(readyMs, `${node.name} ready again`).to.be.below(READY_AGAIN_BOUND_MS);
    }
  });
});

/** When a new connection to `url` first succeeded after `since` (the restart stopped the server first). */
async function acceptingAgainAt(url: string, since: number): Promise<number> {
  // Wait until the server is gone, then until it answers again.
  let wentAway = false;
  while (Date.now() - since < 60_000) {
    const db = await openPostgres(url, { poolMax: 2 }).catch(() => undefined);
    if (db) await db.destroy();
    if (!db) wentAway = true;
    else if (wentAway) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('PostgreSQL did not come back within 60 s');
}

/** The JSON log lines of this run of `node` (its LOG_FILE, e2eEnv, is appended to by every run). */
function loggedBy(node: ClusterNode): { level: number; msg: string; time: string }[] {
  return fs
    .readFileSync(testOutputFile(`${node.name}.log`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { level: number; msg: string; time: string; pid: number })
    .filter((line) => line.pid === node.ready.pid);
}

function count(values: (number | string)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function sortBy<T extends { merchantOrderId: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.merchantOrderId.localeCompare(b.merchantOrderId));
}
