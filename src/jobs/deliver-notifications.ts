import type { NotificationDeliverer } from '../notify/deliver';
import type { Job } from './scheduler';

/** Every 10 seconds, due merchant notifications are sent (first tries and retries alike). */
export function deliverNotificationsJob(deliverer: NotificationDeliverer): Job {
  return {
    name: 'deliver-notifications',
    schedule: '*/10 * * * * *',
    run: async () => {
      await deliverer.deliverDue();
    },
  };
}
