import { expect } from 'chai';
import cron from 'node-cron';
import { recoverPaymentsJob } from '../../src/jobs/recover-payments';

describe('jobs: recover-payments', () => {
  it('when the job runs, then the payment recovery runs, on a valid schedule', async () => {
    let runs = 0;
    const job = recoverPaymentsJob({ run: () => ((runs += 1), Promise.resolve({ resolved: 0, manual: 0 })) });
    await job.run();
    expect(runs).to.equal(1);
    expect(job.name).to.equal('recover-payments');
    expect(cron.validate(job.schedule)).to.equal(true);
  });
});
