import type { Dialer } from '../callback/dialer';
import type { Job } from './scheduler';

/**
 * Every 2 seconds, due callbacks are started on the free outbound lines. A run ends once its calls have started,
 * so calls lasting minutes never hold back the next run (the scheduler still never overlaps two runs).
 */
export function dialCallbacksJob(dialer: Pick<Dialer, 'tick'>): Job {
  return {
    name: 'dial-callbacks',
    schedule: '*/2 * * * * *',
    run: async () => {
      await dialer.tick();
    },
  };
}
