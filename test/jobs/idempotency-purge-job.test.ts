import { expect } from 'chai';
import cron from 'node-cron';
import { idempotencyPurgeJob } from '../../src/jobs/idempotency-purge-job';

describe('services/idempotency-purge-job', () => {
  it('when the job runs, then it purges expired records on a valid hourly schedule', async () => {
    let purged = 0;
    const job = idempotencyPurgeJob({ purgeExpired: () => Promise.resolve(++purged) });
    await job.run();
    expect(purged).to.equal(1);
    expect(job.name).to.equal('purge-idempotency-keys');
    expect(cron.validate(job.schedule)).to.equal(true);
  });
});
