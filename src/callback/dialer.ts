import type { Logger } from 'pino';
import { releaseExpiredLeases } from './callback-claims';
import { recordLineUsage } from './line-service';
import type { ReminderSettings } from './sms-reminder';
import type { CallbackRow } from '../store/callback-rows';
import { newId } from '../store/new-id';
import type { Repositories, Store } from '../store/store';
import { createCallPacer } from './call-pacer';
import type { DialRules } from './dial-string';
import { finishDial } from './finish-dial';
import type { CallLegRecorder } from '../cdr/call-leg-port';
import type { LineSettings } from './line-capacity';
import type { OriginateResult, Originator } from './originator-port';
import { prepareDial, type DialPlan } from './prepare-dial';
import { assignServers, freeLinesByServer, totalOf, type ServerLoad } from './server-lines';

export interface DialerDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  originator: Originator;
  /**
   * Every Asterisk server (ARI_SERVERS, in order): whether it is connected and this node's inbound calls on it. Each
   * server's trunk has `lines`; callbacks go to the connected server with the most free lines.
   */
  servers: () => ServerLoad[];
  lines: LineSettings;
  callsPerSecond: number;
  ringTimeoutSec: number;
  dialRules: DialRules;
  reminders: ReminderSettings;
  /** A claimed row's lease; renewed every third of it while the call lasts. 2 min unless given. */
  leaseMs?: number;
  /** Waits for the calls-per-second pacing; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Runs `fn` every `ms` until the returned function is called (lease renewal). */
  every?: (ms: number, fn: () => void) => () => void;
  /** When the order is in another call at dial time, try again this much later. 2 min unless given. */
  orderInCallDelayMs?: number;
  /** Call detail records of outbound legs (the callback attempt id is the leg's id); none when absent. */
  legs?: CallLegRecorder;
  /** This app node (config `node.id`), named on the rows it claims: a node that takes it for dead settles them. */
  nodeId?: string;
}

export interface DialerRun {
  started: number;
  /** Moved to a later time without a call (calling hours, order in another call). */
  deferred: number;
  /** Finished without a call (order paid, expired or cancelled meanwhile). */
  settled: number;
  /** Rows of a stopped dialer taken back. */
  recovered: number;
}

export interface Dialer {
  /** Starts due callbacks up to the free lines, paced; resolves once they are started, not when they end. */
  tick(): Promise<DialerRun>;
  /** Rows left `dialing` by a dialer that stopped (lease passed) go back to `scheduled`; for start-up. */
  recover(): Promise<number>;
  /** Outbound calls of this dialer in progress. */
  inFlight(): number;
  /** Waits until the calls in progress have ended and been recorded. */
  drain(): Promise<void>;
  /** Starts no more calls and waits for those in progress. */
  stop(): Promise<void>;
}

const defaultEvery = (ms: number, fn: () => void) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export function createDialer(deps: DialerDeps): Dialer {
  const { store, log } = deps;
  const leaseMs = deps.leaseMs ?? 120_000;
  const every = deps.every ?? defaultEvery;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pacer = createCallPacer({ callsPerSecond: deps.callsPerSecond, now: deps.now, sleep });
  const prepareDeps = { ...deps, orderInCallDelayMs: deps.orderInCallDelayMs ?? 120_000 };
  const inFlight = new Set<Promise<void>>();
  /** This dialer's calls in progress on each server. */
  const ownByServer = new Map<string, number>();
  let stopped = false;

  async function dial(row: CallbackRow, leaseToken: string, plan: DialPlan, server: string): Promise<void> {
    const startedAt = deps.now();
    // Pacing may have held the row a while: a fresh lease, and none if an admin cancelled it meanwhile.
    if (!(await store.callbacks.renewLease(row.id, leaseToken, new Date(startedAt.getTime() + leaseMs)))) {
      log.warn({ orderId: row.order_id }, 'callback not dialled: its lease was lost before the call');
      return;
    }
    const attemptId = newId('cba');
    await store.callbackAttempts.insert({
      id: attemptId,
      callback_id: row.id,
      order_id: row.order_id,
      started_at: startedAt.toISOString(),
      outcome: 'dialing',
      asterisk_server: server,
    });
    await deps.legs?.started({ id: attemptId, direction: 'outbound', at: startedAt, orderId: row.order_id });
    const stopRenewing = every(Math.max(1000, Math.floor(leaseMs / 3)), () => {
      store.callbacks.renewLease(row.id, leaseToken, new Date(deps.now().getTime() + leaseMs)).then(
        (kept) => kept || log.warn({ orderId: row.order_id }, 'callback lease lost during the call'),
        (err: unknown) => log.error({ err, orderId: row.order_id }, 'callback lease renewal failed'),
      );
    });
    let result: OriginateResult | undefined;
    try {
      result = await deps.originator.call({
        orderId: row.order_id,
        attemptId,
        dial: plan.dial,
        ringTimeoutSec: deps.ringTimeoutSec,
        server,
      });
    } catch (err) {
      log.error({ err, orderId: row.order_id }, 'callback could not be placed');
    } finally {
      stopRenewing();
    }
    // Answered time is recorded by the call script's side (service.ts) when the answered channel enters the app.
    const legOutcome = !result ? 'failed' : result.answered ? 'answered' : 'unanswered';
    await deps.legs?.ended(attemptId, result?.endedAt ?? deps.now(), legOutcome);
    await finishDial({ ...deps, now: deps.now() }, { row, leaseToken, plan, attemptId, startedAt, result });
  }

  function launch(row: CallbackRow, leaseToken: string, plan: DialPlan, server: string): void {
    ownByServer.set(server, (ownByServer.get(server) ?? 0) + 1);
    const call: Promise<void> = dial(row, leaseToken, plan, server)
      // The row keeps its lease until it runs out, then comes back due: a failure here loses no callback.
      .catch((err: unknown) => log.error({ err, orderId: row.order_id }, 'callback attempt failed to record'))
      .finally(() => {
        inFlight.delete(call);
        ownByServer.set(server, (ownByServer.get(server) ?? 1) - 1);
      });
    inFlight.add(call);
  }

  async function outboundNow(tx: Pick<Repositories, 'callbacks'>, now: Date): Promise<number> {
    return Math.max(await tx.callbacks.countDialing(now.toISOString()), inFlight.size);
  }

  /** Claims as many due rows as the servers have free lines, each named with the server its call goes to. */
  async function claim(now: Date, servers: ServerLoad[], run: DialerRun) {
    // One transaction opened by a write: count and claim are serialised against every other dialer's.
    return store.transaction(async (tx) => {
      await tx.callbacks.lockLines();
      run.recovered = (await releaseExpiredLeases(tx, now)).length;
      const dialing = await tx.callbacks.countDialingByServer(now.toISOString());
      const free = freeLinesByServer(deps.lines, servers, dialing, ownByServer);
      const claimed = await tx.callbacks.claimDue(now, leaseMs, totalOf(free), deps.nodeId);
      const chosen = assignServers(claimed.rows.length, free);
      for (const [i, row] of claimed.rows.entries()) await tx.callbacks.assignServer(row.id, claimed.leaseToken, chosen[i]);
      return { ...claimed, rows: claimed.rows.map((row, i) => ({ row, server: chosen[i] })) };
    });
  }

  async function drain(): Promise<void> {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }

  return {
    async tick() {
      const run: DialerRun = { started: 0, deferred: 0, settled: 0, recovered: 0 };
      if (stopped) return run;
      const now = deps.now();
      const servers = deps.servers();
      const inbound = servers.reduce((sum, s) => sum + s.inbound, 0);
      const claimed = await claim(now, servers, run);
      if (run.recovered > 0) log.warn({ count: run.recovered }, 'callbacks of a stopped dialer are due again');
      for (const { row, server } of claimed.rows) {
        if (stopped) {
          await store.callbacks.releaseClaim(
            row.id,
            claimed.leaseToken,
            { state: 'scheduled', at: new Date(row.next_call_at) },
            deps.now(),
          );
          continue;
        }
        const plan = await prepareDial(row, claimed.leaseToken, prepareDeps).catch((err: unknown) => {
          // Its lease runs out and it comes back due; the other claimed rows go on.
          log.error({ err, orderId: row.order_id }, 'callback could not be prepared');
          return { kind: 'deferred' } as const;
        });
        if (plan.kind !== 'dial') {
          run[plan.kind] += 1;
          continue;
        }
        await pacer.wait();
        launch(row, claimed.leaseToken, plan, server);
        run.started += 1;
      }
      await recordLineUsage(store, { inbound, outbound: await outboundNow(store, deps.now()) }, deps.now());
      return run;
    },

    async recover() {
      const ids = await releaseExpiredLeases(store, deps.now());
      if (ids.length > 0) log.warn({ count: ids.length }, 'callbacks left dialing by the last run are due again');
      return ids.length;
    },

    inFlight: () => inFlight.size,

    drain,

    async stop() {
      stopped = true;
      await drain();
    },
  };
}
