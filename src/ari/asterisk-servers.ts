import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { AppError } from '../domain/app-error';
import type { OriginateChannel } from './ari-ops';
import type { OutboundWatch } from './outbound-lines';
import type { CallDirection, OutboundHandle, StasisApp } from './stasis-app';

/** One server's lines as this node sees them: its own calls there, and whether its ARI connection is up. */
export interface ServerLines {
  /** host:port of its ARI URL: how rows, logs and metrics name it. */
  server: string;
  connected: boolean;
  inbound: number;
  outbound: number;
}

/**
 * This node's Stasis app on every Asterisk server (ARI_SERVERS), seen as one: calls and lines summed, readiness applied
 * to all. 'disconnected' and 'reconnected' are the whole node's (no server, then one again); 'server-down' and
 * 'server-up' {server} are each server's. The call events of every server are passed on as they come.
 */
export interface AsteriskServers extends Omit<StasisApp, 'originate'> {
  lines(): ServerLines[];
  /** Originates on that server; rejects when it is not connected. */
  originate(server: string, channel: Omit<OriginateChannel, 'app'>, watch: OutboundWatch): Promise<OutboundHandle>;
}

export interface AsteriskServersOptions {
  urls: string[];
  /** Starts this node's Stasis app on one server; resolves once connected, rejects when `signal` aborts first. */
  start(url: string, signal: AbortSignal): Promise<StasisApp>;
  /** How long the start waits for a first server; the others join whenever they answer. 60 s unless set. */
  connectWaitMs?: number;
  log: Logger;
}

const CALL_EVENTS = ['call-start', 'call-end', 'prompt', 'collect', 'key-to-prompt', 'call-refused'];

export function serverName(url: string): string {
  return new URL(url).host;
}

/**
 * Connects to every server at once and resolves when one is connected, so a server that is down at start does not
 * hold the node back; it joins when it answers. Rejects when none answers within `connectWaitMs`.
 */
export async function startAsteriskServers(opts: AsteriskServersOptions): Promise<AsteriskServers> {
  const events = new EventEmitter();
  const names = opts.urls.map(serverName);
  const apps = new Map<string, StasisApp>();
  const connected = new Set<string>();
  const giveUp = new AbortController();
  let accepting = true;
  let stopping = false;
  /** Set once the start has resolved: the first connection is no reconnection. */
  let started = false;

  function setConnected(server: string, up: boolean): void {
    const before = connected.size;
    if (up) connected.add(server);
    else connected.delete(server);
    if (before === connected.size) return;
    events.emit(up ? 'server-up' : 'server-down', { server });
    opts.log[up ? 'info' : 'warn']({ server, connected: connected.size }, up ? 'Asterisk server up' : 'Asterisk server down');
    if (up && before === 0 && started) events.emit('reconnected');
    if (!up && connected.size === 0) events.emit('disconnected');
  }

  function join(server: string, app: StasisApp): void {
    apps.set(server, app);
    app.setAccepting(accepting);
    for (const name of CALL_EVENTS) app.events.on(name, (e: unknown) => events.emit(name, e));
    app.events.on('disconnected', () => setConnected(server, false));
    app.events.on('reconnected', () => setConnected(server, true));
    setConnected(server, true);
  }

  const starts = opts.urls.map(async (url, i) => {
    const server = names[i];
    const app = await opts.start(url, giveUp.signal);
    if (stopping) await app.stop({ graceMs: 0 });
    else join(server, app);
  });
  for (const [i, start] of starts.entries()) {
    start.catch((err: unknown) => {
      if (!giveUp.signal.aborted) opts.log.error({ err, server: names[i] }, 'Asterisk server not started');
    });
  }
  const waitMs = opts.connectWaitMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)));
  const first = await Promise.race([Promise.any(starts).catch(() => 'failed' as const), timedOut]);
  clearTimeout(timer);
  if (first === 'timeout' || first === 'failed') {
    stopping = true;
    giveUp.abort();
    throw new AppError('unavailable', `Asterisk ARI not reachable at ${opts.urls.join(', ')}`);
  }
  started = true;

  const all = () => [...apps.values()];
  function activeCalls(filter?: { direction?: CallDirection }): number {
    return all().reduce((sum, app) => sum + app.activeCalls(filter), 0);
  }

  return {
    events,
    activeCalls,
    isLive: (callId) => all().some((app) => app.isLive(callId)),
    setAccepting(value) {
      accepting = value;
      for (const app of all()) app.setAccepting(value);
    },
    lines: () =>
      names.map((server) => ({
        server,
        connected: connected.has(server),
        inbound: apps.get(server)?.activeCalls({ direction: 'inbound' }) ?? 0,
        outbound: apps.get(server)?.activeCalls({ direction: 'outbound' }) ?? 0,
      })),
    originate(server, channel, watch) {
      const app = apps.get(server);
      if (!app || !connected.has(server)) return Promise.reject(new Error(`Asterisk server ${server} is not connected`));
      return app.originate(channel, watch);
    },
    async stop(stopOpts) {
      stopping = true;
      giveUp.abort();
      await Promise.all(all().map((app) => app.stop(stopOpts)));
    },
  };
}
