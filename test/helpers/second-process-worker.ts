/**
 * The "other process" of the SQLite concurrency tests: better-sqlite3 waits for a lock synchronously,
 * so two connections racing inside one process would block each other; two processes do not.
 */
import pino from 'pino';
import { announceFailure, announceReady, serveRequests } from '../../scripts/bench/lib/worker-rpc';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createOrderService } from '../../src/order/order-service';
import { applyAttemptOutcome, type AttemptOutcome } from '../../src/payment/payment-outcome';
import { openDb } from '../../src/store/db';
import { createStore } from '../../src/store/store';

async function main(): Promise<void> {
  const [file, nowIso] = process.argv.slice(2);
  const db = await openDb(file);
  const log = pino({ level: 'silent' });
  const now = () => new Date(nowIso);
  const deps = { store: createStore(db, { groupCommit: true }), log, now };
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const idempotency = createIdempotencyStore(deps);
  serveRequests({
    claimByPayCode: ({ payCode, callId }: { payCode: string; callId: string }) => orders.claimByPayCode(payCode, callId),
    applyAttemptOutcome: ({ attemptId, outcome }: { attemptId: string; outcome: AttemptOutcome }) =>
      applyAttemptOutcome(deps.store, attemptId, outcome, now(), log),
    claimIdempotency: ({ merchantId, key, hash }: { merchantId: string; key: string; hash: string }) =>
      idempotency.claim(merchantId, key, hash),
    stop: async () => {
      await db.destroy();
      setImmediate(() => process.exit(0));
    },
  });
  announceReady({ pid: process.pid });
}

main().catch(announceFailure);
