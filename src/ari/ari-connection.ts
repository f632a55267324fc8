import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import * as ari from 'ari-client';
import type { Client } from 'ari-client';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import { errorSummary } from '../log/error-summary';
import { quietSwagger } from './quiet-swagger';
import { observeRawEvents } from './raw-event-observer';
import { withTimeout } from './with-timeout';

export interface AriConnectionOptions {
  url: string;
  user: string;
  password: string;
  app: string;
  requestTimeoutMs: number;
  log: Logger;
  /** How long the first connection may wait for Asterisk to come up; Infinity waits until `signal` aborts. */
  initialWaitMs?: number;
  /** Gives up connecting (the first connection rejects); the service's stop while a server is still away. */
  signal?: AbortSignal;
  retryDelayMs?: { min: number; max: number };
  /** Called with each new client before its WebSocket opens, so no event is missed: register handlers here. */
  onClient(client: Client, emitter: EventEmitter): void;
  /** The WebSocket dropped: Asterisk does not queue events, so whatever happens now is lost. */
  onDisconnected(): void;
  /** The app is registered again (same client or a new one). */
  onReconnected(client: Client): void;
  /** Each ARI event's size in bytes as the WebSocket received it (bench:calls' per-call cost; raw-event-observer.ts). */
  onRawEvent?: (bytes: number) => void;
  /** For tests. */
  connect?: (url: string, user: string, password: string) => Promise<Client>;
}

export interface AriConnection {
  client(): Client | undefined;
  /** Resolves once Asterisk no longer has the app registered (at most ~2 s), so new calls take the fallback. */
  close(): Promise<void>;
}

/** ari-client types `on` per event name only; the runtime object is a plain EventEmitter. */
function emitterOf(client: Client): EventEmitter {
  return client as unknown as EventEmitter;
}

/**
 * Connects and registers the Stasis app, retrying until Asterisk is up (bounded by `initialWaitMs`).
 * ari-client reconnects a dropped WebSocket by itself but gives up for good after ~10 tries
 * (`WebSocketMaxRetries`, node-ari-client#70); then we start again from scratch, forever.
 */
export async function openAriConnection(opts: AriConnectionOptions): Promise<AriConnection> {
  const { log, app } = opts;
  const connect = opts.connect ?? ari.connect;
  const delays = opts.retryDelayMs ?? { min: 500, max: 10_000 };
  const closing = new AbortController();
  opts.signal?.addEventListener('abort', () => closing.abort(), { once: true });
  let current: Client | undefined;

  async function establish(deadline: number | undefined): Promise<Client> {
    for (let delay = delays.min; ; delay = Math.min(delay * 2, delays.max)) {
      let client: Client | undefined;
      let started = false;
      try {
        client = await withTimeout(
          quietSwagger(() => connect(opts.url, opts.user, opts.password)),
          opts.requestTimeoutMs,
          'connect',
        );
        opts.onClient(client, emitterOf(client));
        if (opts.onRawEvent) observeRawEvents(client, opts.onRawEvent, log);
        // Rejects only after ari-client's own retries, so no retry loop of it is left behind.
        await client.start(app);
        started = true;
        if (closing.signal.aborted) throw new Error('closed');
        watch(client);
        log.info({ app }, 'ARI connected');
        return client;
      } catch (err) {
        if (client) emitterOf(client).removeAllListeners();
        if (client && started) client.stop();
        if (closing.signal.aborted) throw err;
        if (deadline !== undefined && Date.now() + delay > deadline) {
          throw new AppError('unavailable', `Asterisk ARI at ${opts.url} not reachable`);
        }
        log.warn({ app, err: errorSummary(err, { withMessage: true }), retryInMs: delay }, 'ARI not reachable, retrying');
        await sleep(delay, undefined, { signal: closing.signal });
      }
    }
  }

  function watch(client: Client): void {
    const emitter = emitterOf(client);
    let dropped = false;
    emitter.on('WebSocketReconnecting', () => {
      if (dropped) return;
      dropped = true;
      log.warn({ app }, 'ARI WebSocket dropped, reconnecting');
      opts.onDisconnected();
    });
    emitter.on('WebSocketConnected', () => {
      if (!dropped) return;
      dropped = false;
      log.info({ app }, 'ARI WebSocket reconnected');
      opts.onReconnected(client);
    });
    emitter.on('WebSocketMaxRetries', () => {
      log.error({ app }, 'ari-client gave up reconnecting; connecting again from scratch');
      emitter.removeAllListeners();
      current = undefined;
      if (!dropped) opts.onDisconnected();
      establish(undefined).then(
        (next) => {
          current = next;
          opts.onReconnected(next);
        },
        () => {}, // only when closed
      );
    });
  }

  /**
   * Asterisk drops the app a moment after the WebSocket closes; until then Stasis() still enters it and
   * the caller meets a closed socket instead of the fallback. Any error (404, Asterisk gone) means dropped.
   */
  async function unregistered(client: Client): Promise<void> {
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      const listed = await withTimeout(
        client.applications.get({ applicationName: app }),
        opts.requestTimeoutMs,
        'applications.get',
      ).then(
        () => true,
        () => false,
      );
      if (!listed) return;
      await sleep(50);
    }
    log.warn({ app }, 'Asterisk still lists the app after closing its WebSocket');
  }

  current = await establish(Date.now() + (opts.initialWaitMs ?? 60_000));
  return {
    client: () => current,
    close: async () => {
      closing.abort();
      if (!current) return;
      const emitter = emitterOf(current);
      emitter.removeAllListeners();
      // stop() during ari-client's backoff cannot cancel the pending retry; close that socket if it opens.
      const client = current;
      emitter.on('WebSocketConnected', () => client.stop());
      client.stop();
      current = undefined;
      await unregistered(client);
    },
  };
}
