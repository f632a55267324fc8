import type { PaymentRecovery } from '../payment/payment-recovery';
import type { Job } from './scheduler';

/**
 * Every minute, payments left without a final state and with nobody settling them are resolved by
 * query (the service also runs it once at start-up, for attempts a crash left in flight). A run may
 * take the whole query schedule (63 s); the scheduler skips a run while the last one goes on.
 */
export function recoverPaymentsJob(recovery: Pick<PaymentRecovery, 'run'>): Job {
  return {
    name: 'recover-payments',
    schedule: '* * * * *',
    run: async () => {
      await recovery.run();
    },
  };
}
