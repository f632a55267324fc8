import type { Logger } from 'pino';
import type { AriChannelInfo, AriOps } from '../ari/ari-ops';

/**
 * Sends the callers of a dead node back to the dialplan, so they hear "service unavailable" rather than silence
 * (README, "Several app nodes"). Asterisk keeps a channel in the Stasis app of a node whose WebSocket went away until
 * something moves it; any ARI client may: each channel running `Stasis(<app>,…)` is continued at the priority after
 * its Stasis(), back in ivrpay-stasis (dialplan/extensions.conf), which returns to the fallback. A channel another
 * survivor continued first, or that hung up meanwhile, counts as done (AriOps.continueAfterStasis). How many were
 * continued; an ARI failure is thrown, so the takeover is tried again at the next heartbeat.
 */
export async function releaseCallersOf(
  ops: Pick<AriOps, 'listChannels' | 'continueAfterStasis'>,
  app: string,
  log: Logger,
  deadAt?: Date,
): Promise<number> {
  // A channel created after the node was read as dead is not its: the node rejoined in between and took that call.
  const before = (c: AriChannelInfo) => !deadAt || !c.createdAt || !(Date.parse(c.createdAt) > deadAt.getTime());
  const callers = (await ops.listChannels()).filter(
    (c) => c.appName === 'Stasis' && (c.appData === app || c.appData.startsWith(`${app},`)) && before(c),
  );
  await Promise.all(callers.map((c) => ops.continueAfterStasis(c.id)));
  if (callers.length > 0) log.warn({ app, channels: callers.length }, "a dead node's callers sent to the fallback prompt");
  return callers.length;
}

/**
 * The same on every Asterisk server (ARI_SERVERS). A server that cannot be reached is logged and skipped: an Asterisk
 * that is down holds no calls, and waiting for it would keep the dead node's row (and its takeover) forever. Thrown,
 * to be tried again, only when no server could be asked.
 */
export async function releaseCallersOnServers(
  servers: { server: string; ops: Pick<AriOps, 'listChannels' | 'continueAfterStasis'> }[],
  app: string,
  log: Logger,
  deadAt?: Date,
): Promise<number> {
  const results = await Promise.allSettled(servers.map(({ ops }) => releaseCallersOf(ops, app, log, deadAt)));
  let released = 0;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') released += result.value;
    else
      log.warn(
        { app, server: servers[i].server, err: result.reason as unknown },
        "a dead node's callers not released on a server",
      );
  });
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length === results.length && failed.length > 0) throw failed[0].reason;
  return released;
}
