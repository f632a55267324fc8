import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { errorSummary } from '../log/error-summary';
import type { AriOps } from './ari-ops';

/**
 * After a gap in events no call can be trusted: hangs up the channels sitting in our Stasis app that
 * no live call of ours owns. Best effort: a failure is logged, never thrown.
 */
export async function hangUpLeftovers(
  ops: AriOps,
  opts: { app: string; isLive: (channelId: string) => boolean; log: Logger },
): Promise<void> {
  const { app, isLive, log } = opts;
  try {
    const ours = (await ops.listChannels()).filter(
      (c) => c.appName === 'Stasis' && c.appData.split(',')[0] === app && !isLive(c.id),
    );
    if (ours.length === 0) return;
    // A StasisStart already on its way makes a channel a live call, not a leftover.
    await sleep(1_000);
    await Promise.all(ours.filter((c) => !isLive(c.id)).map((c) => ops.hangup(c.id)));
    log.info({ app, count: ours.length }, 'hung up channels left over in the app');
  } catch (err) {
    log.warn({ err: errorSummary(err, { withMessage: true }) }, 'cleaning up channels after a reconnect failed');
  }
}
