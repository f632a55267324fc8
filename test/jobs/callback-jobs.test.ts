import { expect } from 'chai';
import cron from 'node-cron';
import { dialCallbacksJob } from '../../src/jobs/dial-callbacks';
import { sendSmsJob } from '../../src/jobs/send-sms';

describe('jobs: dial-callbacks and send-sms', () => {
  it('when the jobs run, then the dialer ticks and due SMS are sent, on valid few-second schedules', async () => {
    const seen: string[] = [];
    const dial = dialCallbacksJob({
      tick: () => (seen.push('tick'), Promise.resolve({ started: 0, deferred: 0, settled: 0, recovered: 0 })),
    });
    const sms = sendSmsJob({ sendDue: () => (seen.push('sms'), Promise.resolve({ sent: 0, retrying: 0, failed: 0 })) });
    await dial.run();
    await sms.run();
    expect(seen).to.deep.equal(['tick', 'sms']);
    expect([dial.name, sms.name]).to.deep.equal(['dial-callbacks', 'send-sms']);
    expect(cron.validate(dial.schedule) && cron.validate(sms.schedule)).to.equal(true);
  });
});
