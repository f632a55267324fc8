import cron from 'node-cron';
import type { Logger } from 'pino';

export interface Job {
  name: string;
  /** A cron expression (node-cron, optional seconds field). */
  schedule: string;
  run(): Promise<void>;
}

export interface Scheduler {
  /** Stops the timers and waits for runs in progress, so the store can be closed after it. */
  stop(): Promise<void>;
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

/** Runs each job on its schedule, never two runs of one job at once; a failed run is logged, not fatal. */
export function startScheduler(jobs: Job[], log: Logger): Scheduler {
  const running = new Set<Promise<void>>();
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const run = job
          .run()
          .catch((err: unknown) => log.error({ err, job: job.name }, 'job failed'))
          .finally(() => running.delete(run));
        running.add(run);
        return run;
      },
      { name: job.name, noOverlap: true, logger: cronLogger(log.child({ job: job.name })) },
    ),
  );
  log.info({ jobs: jobs.map((j) => j.name) }, 'scheduler started');
  return {
    async stop() {
      // node-cron's destroy() may or may not return a promise.
      await Promise.all(tasks.map(async (task) => await task.destroy()));
      await Promise.all([...running]);
    },
  };
}
