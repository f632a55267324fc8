import { expect } from 'chai';
import cron from 'node-cron';
import { jobTable } from '../../src/jobs/job-table';
import { jobNamed, recordingTargets } from './job-targets';

describe('jobs/job-table', () => {
  it('when each job runs, then it calls its own service once, on the schedule of its row', async () => {
    const expected: [string, string, string][] = [
      ['expire-orders', '* * * * *', 'expireDue'],
      ['deliver-notifications', '*/10 * * * * *', 'deliverDue'],
      ['purge-idempotency-keys', '17 * * * *', 'purgeExpired'],
      ['purge-rate-limits', '30 * * * * *', 'purgeBefore 2026-03-01T07:58:00.000Z'],
      ['recover-payments', '* * * * *', 'recovery'],
      ['release-ended-calls', '* * * * *', 'releaseEnded'],
      ['recover-refunds', '* * * * *', 'refundRecovery'],
      ['dial-callbacks', '*/2 * * * * *', 'tick'],
      ['send-sms', '*/15 * * * * *', 'sendDue'],
      ['reconcile-previous-day', '30 9 * * *', 'runPreviousDay'],
    ];
    const seen: string[] = [];
    const jobs = jobTable(recordingTargets(seen));

    const rows: [string, string, string][] = [];
    for (const job of jobs) {
      seen.length = 0;
      await job.run();
      expect(seen, job.name).to.have.length(1);
      rows.push([job.name, job.schedule, seen[0]]);
    }

    expect(rows).to.deep.equal(expected);
    for (const job of jobs) expect(cron.validate(job.schedule), job.name).to.equal(true);
    expect(jobs.find((j) => j.name === 'reconcile-previous-day')?.timezone).to.equal('Asia/Shanghai');
  });

  it('when settlement is given, then its daily job runs at the configured time in Beijing', async () => {
    let runs = 0;
    const service = { runDue: () => (runs++, Promise.resolve([])) };
    const job = jobNamed('settle-day', { settlement: { service, runAt: { hour: 2, minute: 30 } } });
    expect(job).to.include({ schedule: '30 2 * * *', timezone: 'Asia/Shanghai' });
    expect(cron.validate(job.schedule)).to.equal(true);
    await job.run();
    expect(runs).to.equal(1);
  });

  it('when a job’s service fails, then the run rejects with its error (the scheduler logs it)', async () => {
    const job = jobNamed('send-sms', { sms: { sendDue: () => Promise.reject(new Error('gateway down')) } });
    let error: unknown;
    await job.run().catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('gateway down');
  });
});
