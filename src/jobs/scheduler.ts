import cron from 'node-cron';
import type { Logger } from 'pino';
import { isStoreUnavailable } from '../store/store-unavailable';

export interface Job {
  name: string;
  /** A cron expression (node-cron, optional seconds field). */
  schedule: string;
  /** The IANA time zone `schedule` is read in; the machine's own unless given. */
  timezone?: string;
  /** What it resolves to is for tests and logs; the scheduler waits for it to settle. */
  run(): Promise<unknown>;
}

export interface Scheduler {
  /**
   * Stops the timers and waits for runs in progress, so the store can be closed after it: of the jobs named, or of all.
   * A service stops some jobs before others (e.g. the dialer's before the calls end, the webhooks' after).
   */
  stop(names?: string[]): Promise<void>;
}

/** node-cron's own messages (e.g. a run skipped because the previous one is still going) into our log. */
function cronLogger(log: Logger) {
  return {
    info: (message: string) => log.debug(message),
    debug: (message: string | Error) => log.debug(String(message)),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error) => log.error(String(message)),
  };
}

/**
 * Runs each job on its schedule, never two runs of one job at once; a failed run is logged (a warning when the store
 * could not be reached, an error otherwise), not fatal.
 */
export function startScheduler(jobs: Job[], log: Logger): Scheduler {
  const scheduled = jobs.map((job) => {
    const running = new Set<Promise<unknown>>();
    const task = cron.schedule(
      job.schedule,
      () => {
        const run = job
          .run()
          .catch((err: unknown) => {
            // The database restarting (issue 12) is not a fault of the job: the next run, as scheduled, does its work.
            if (isStoreUnavailable(err)) log.warn({ err, job: job.name }, 'job failed: store unavailable, next run as scheduled');
            else log.error({ err, job: job.name }, 'job failed');
          })
          .finally(() => running.delete(run));
        running.add(run);
        return run;
      },
      {
        name: job.name,
        noOverlap: true,
        ...(job.timezone ? { timezone: job.timezone } : {}),
        logger: cronLogger(log.child({ job: job.name })),
      },
    );
    return { name: job.name, task, running };
  });
  log.info({ jobs: jobs.map((j) => j.name) }, 'scheduler started');
  return {
    async stop(names) {
      const stopping = scheduled.filter((s) => names === undefined || names.includes(s.name));
      // node-cron's destroy() may or may not return a promise.
      await Promise.all(stopping.map(async (s) => await s.task.destroy()));
      await Promise.all(stopping.flatMap((s) => [...s.running]));
    },
  };
}
