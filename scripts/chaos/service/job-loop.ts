import type { Logger } from 'pino';
import { errorSummary } from '../../../src/log/error-summary';

/**
 * The service's periodic jobs (src/jobs/job-table.ts: recover payments and refunds, deliver notifications, expire
 * orders), each every `everyMs` instead of every minute or ten seconds, so that a run settles in seconds. Like the
 * scheduler, a job never overlaps itself and a failing run is logged and left for the next one.
 */
export function startJobLoop(jobs: Array<() => Promise<unknown>>, everyMs: number, log: Logger) {
  const running = new Map<number, Promise<unknown>>();
  const timer = setInterval(() => {
    jobs.forEach((job, i) => {
      if (running.has(i)) return;
      const run = job()
        .catch((err: unknown) => log.error({ err: errorSummary(err), job: i }, 'job failed'))
        .finally(() => running.delete(i));
      running.set(i, run);
    });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
