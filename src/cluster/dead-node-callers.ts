import type { Logger } from 'pino';
import type { AriOps } from '../ari/ari-ops';

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
): Promise<number> {
  const callers = (await ops.listChannels()).filter(
    (c) => c.appName === 'Stasis' && (c.appData === app || c.appData.startsWith(`${app},`)),
  );
  await Promise.all(callers.map((c) => ops.continueAfterStasis(c.id)));
  if (callers.length > 0) log.warn({ app, channels: callers.length }, "a dead node's callers sent to the fallback prompt");
  return callers.length;
}
