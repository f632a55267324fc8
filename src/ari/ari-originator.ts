import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { callbackChannelId, type OriginateRequest, type OriginateResult, type Originator } from '../callback/originator-port';
import { errorSummary } from '../log/error-summary';
import { OutboundCall } from './outbound-call';
import { callbackArgs } from './stasis-args';
import type { AsteriskServers } from './asterisk-servers';

/** Reported when Asterisk refused to place the call at all (38, network out of order: retried). */
export const ORIGINATE_REFUSED_CAUSE = 38;

export interface AriOriginatorOptions {
  /** This node's Stasis app on each Asterisk server: the call goes to the request's server. */
  servers: Pick<AsteriskServers, 'originate'>;
  /** Where `{dial}` is replaced by the digits: 'PJSIP/{dial}@carrier', 'Local/{dial}@ivrpay-test-phones'. */
  endpointTemplate: string;
  /** e.g. '"Shop" <4001234567>'; Asterisk's default when unset. */
  callerId?: string;
  log: Logger;
  now?: () => Date;
  /** The channel's id from the attempt's; callbackChannelId (cb-<attempt id>) unless given. */
  newChannelId?: (attemptId: string) => string;
  /** How long past the ring timeout an unanswered call may go without ending before we give up on it. */
  graceMs?: number;
  settleMs?: number;
  /**
   * A call whose events were lost (its server went away) is recorded, and so retried, only once its channel is known
   * gone: hung up or found gone when its server answers again, or its server refusing connections (no Asterisk runs).
   * Tried this long (30 s unless set) for a server that does not answer at all, then it is taken for down with its
   * calls and the attempt recorded.
   */
  lostCallSettleMs?: number;
  /** Between two tries to hang up a lost call (1 s unless set). */
  retryEveryMs?: number;
}

const DIGITS = /^\d{1,20}$/;
/** Ids travel as comma-separated Stasis arguments. */
const ARG = /^[A-Za-z0-9_-]+$/;

/**
 * Places callbacks through the app's own ARI connection. The answered channel enters the app with
 * `callback,<order id>,<attempt id>` and runs the call script; the result comes when both are done.
 * Never rejects: a refused originate is a failed attempt with a cause, like any other.
 */
export function createAriOriginator(opts: AriOriginatorOptions): Originator {
  const now = opts.now ?? (() => new Date());
  const newChannelId = opts.newChannelId ?? callbackChannelId;
  if (!opts.endpointTemplate.includes('{dial}')) throw new Error('the callback endpoint must contain {dial}');

  async function call(request: OriginateRequest): Promise<OriginateResult> {
    const startedAt = now();
    const { orderId, attemptId } = request;
    if (!DIGITS.test(request.dial) || !ARG.test(orderId) || !ARG.test(attemptId)) {
      opts.log.error({ orderId, attemptId }, 'callback not placed: the number or an id has unexpected characters');
      return { answered: false, cause: ORIGINATE_REFUSED_CAUSE, startedAt, endedAt: now() };
    }
    const channelId = newChannelId(attemptId);
    const endpoint = opts.endpointTemplate.replace('{dial}', request.dial);
    // For Local channels the other half is watched too: it carries the callee's cause.
    const peerId = endpoint.startsWith('Local/') ? `${channelId}-2` : undefined;
    const log = opts.log.child({ callId: channelId, orderId, attemptId, server: request.server });
    const outbound = new OutboundCall({
      channelId,
      peerId,
      unansweredDeadlineMs: request.ringTimeoutSec * 1000 + (opts.graceMs ?? 30_000),
      settleMs: opts.settleMs,
    });

    let handle;
    try {
      handle = await opts.servers.originate(
        request.server,
        {
          channelId,
          otherChannelId: peerId,
          endpoint,
          appArgs: callbackArgs(orderId, attemptId),
          timeoutSec: request.ringTimeoutSec,
          callerId: opts.callerId,
        },
        (event) => outbound.handle(event),
      );
    } catch (err) {
      outbound.handle({ type: 'lost' }); // only to clear its timer
      log.error({ err: errorSummary(err, { withMessage: true }) }, 'callback not placed: Asterisk refused the originate');
      return { answered: false, cause: ORIGINATE_REFUSED_CAUSE, startedAt, endedAt: now() };
    }
    log.info({ ringTimeoutSec: request.ringTimeoutSec }, 'callback dialling');

    const end = await outbound.result;
    handle.release();
    if (end.lost) {
      log.warn({ answered: end.answered }, 'callback end not seen; hanging up the channel if it is still there');
      // Settled from the channel, or retried, never both: the retry must not ring while this call may still be up.
      const gone = await hangUpUntilGone(handle, opts.lostCallSettleMs ?? 30_000, opts.retryEveryMs ?? 1000);
      if (!gone) log.error('callback channel not reachable to hang up; its server is taken for down with its calls');
    }
    const result: OriginateResult = { answered: end.answered, startedAt, endedAt: now() };
    if (end.cause !== undefined) result.cause = end.cause;
    if (end.dialStatus !== undefined) result.dialStatus = end.dialStatus;
    log.info({ answered: end.answered, cause: end.cause, dialStatus: end.dialStatus }, 'callback ended');
    return result;
  }

  return { call };
}

/**
 * Hangs up until the channel is known gone: Asterisk confirms (a gone channel counts), or refuses the connection (no
 * Asterisk runs there, so neither does the call). False when `withinMs` passed without either (a server unreachable).
 */
async function hangUpUntilGone(handle: { hangup(): Promise<void> }, withinMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const done = await handle.hangup().then(
      () => true,
      (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED',
    );
    if (done) return true;
    if (Date.now() + everyMs > deadline) return false;
    await sleep(everyMs);
  }
}
