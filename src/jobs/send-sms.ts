import type { SmsService } from '../services/sms-service';
import type { Job } from './scheduler';

/** Every 15 seconds, queued SMS reminders are sent (first tries and retries alike). */
export function sendSmsJob(sms: Pick<SmsService, 'sendDue'>): Job {
  return {
    name: 'send-sms',
    schedule: '*/15 * * * * *',
    run: async () => {
      await sms.sendDue();
    },
  };
}
