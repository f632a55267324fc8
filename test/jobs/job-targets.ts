import { jobTable, type JobTargets } from '../../src/jobs/job-table';
import type { Job } from '../../src/jobs/scheduler';

/** Targets that record which of them ran; a job may use only its own. */
export function recordingTargets(seen: string[]): JobTargets {
  return {
    orders: { expireDue: () => (seen.push('expireDue'), Promise.resolve(0)) },
    deliverer: { deliverDue: () => (seen.push('deliverDue'), Promise.resolve({ delivered: 0, retrying: 0, failed: 0 })) },
    idempotency: { purgeExpired: () => (seen.push('purgeExpired'), Promise.resolve(0)) },
    rateLimits: { purgeBefore: (before) => (seen.push(`purgeBefore ${before}`), Promise.resolve(0)) },
    now: () => new Date('2026-03-01T08:00:00.000Z'),
    recovery: { run: () => (seen.push('recovery'), Promise.resolve({ resolved: 0, manual: 0 })) },
    calls: { releaseEnded: () => (seen.push('releaseEnded'), Promise.resolve(0)) },
    refundRecovery: { run: () => (seen.push('refundRecovery'), Promise.resolve({ resolving: 0 })) },
    dialer: { tick: () => (seen.push('tick'), Promise.resolve({ started: 0, deferred: 0, settled: 0, recovered: 0 })) },
    sms: { sendDue: () => (seen.push('sendDue'), Promise.resolve({ sent: 0, retrying: 0, failed: 0 })) },
    reconciliation: {
      schedule: '30 9 * * *',
      // Its report is not looked at here.
      runPreviousDay: () => (seen.push('runPreviousDay'), Promise.resolve({ run: {}, items: [] } as never)),
    },
  };
}

/** The table's job of this name over these targets. */
export function jobNamed(name: string, targets: Partial<JobTargets>): Job {
  const job = jobTable({ ...recordingTargets([]), ...targets }).find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job;
}
