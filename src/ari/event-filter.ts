import type { Client } from 'ari-client';
import type { Logger } from 'pino';
import { errorSummary } from '../log/error-summary';
import { callEventTypes } from './call-event';
import { outboundEventTypes } from './outbound-event';
import { withTimeout } from './with-timeout';

/** Every ARI event type the Stasis app has a handler for (stasis-app.ts `attach`). */
export const handledEventTypes: readonly string[] = [
  ...new Set(['StasisStart', 'ApplicationReplaced', ...callEventTypes, ...outboundEventTypes]),
];

interface EventFilterApi {
  filter(params: { applicationName: string; filter: { allowed: { type: string }[] } }): Promise<unknown>;
}

/**
 * Asks Asterisk to send the app only these event types (PUT /applications/{app}/eventFilter,
 * Asterisk 13.26 / 16.3 and later). A payment call otherwise brings about 150 events, half of them
 * PlaybackStarted and PlaybackContinuing for every item of a prompt list, which the app ignores but
 * ari-client still turns into objects (bench:calls measured it). Asterisk forgets the filter with
 * the app, so it is set after every (re)connect. Best effort: without it, every event still comes.
 */
export async function filterAppEvents(
  client: Client,
  app: string,
  types: readonly string[],
  timeoutMs: number,
  log: Logger,
): Promise<void> {
  try {
    const applications = client.applications as unknown as EventFilterApi;
    const allowed = types.map((type) => ({ type }));
    await withTimeout(applications.filter({ applicationName: app, filter: { allowed } }), timeoutMs, 'eventFilter');
  } catch (err) {
    log.warn(
      { app, err: errorSummary(err, { withMessage: true }) },
      'could not limit the events Asterisk sends the app: all of them come',
    );
  }
}
