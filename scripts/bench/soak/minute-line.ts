import type { MinuteSample } from './sample-minute';

const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');

/** The line printed for each minute while the soak runs: enough to see a leak or a stall coming without the JSON. */
export function minuteLine(sample: MinuteSample, minutes: number): string {
  const { calls, service, asterisk } = sample;
  const others = asterisk.otherChannels ? ` (${asterisk.otherChannels} not ours)` : '';
  return [
    `min ${sample.minute}/${minutes}`,
    `${sample.inFlight} in progress, ${calls.completed} completed, ${calls.paid} paid, ${calls.failed} failed`,
    `service RSS ${mb(service.rss)}, heap ${mb(service.heapUsed)} (${mb(service.heapAfterGc)} after GC), ${service.handles} handles, lag p99 ${ms(service.lagP99Ms)} max ${ms(service.lagMaxMs)}`,
    `Asterisk ${asterisk.channels} channels${others}, RSS ${mb(asterisk.rss)}`,
  ].join(' | ');
}
