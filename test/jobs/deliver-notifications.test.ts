import { expect } from 'chai';
import cron from 'node-cron';
import { jobNamed } from './job-targets';
import { createNotificationDeliverer } from '../../src/notify/deliver';
import type { OrderEvent } from '../../src/notify/order-event';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';
import { APPROVED, openShop } from '../notify/notify-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../notify/webhook-receiver';
import { DEBIT } from '../helpers/test-cards';

describeEachStore('jobs/deliver-notifications', () => {
  let deps: TestDeps;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    deps = await createTestDeps();
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await deps.db.destroy();
  });

  it('when the job runs, then due notifications reach the merchant; its schedule is a valid cron of seconds', async () => {
    const shop = await openShop(deps);
    const orderId = await shop.orderInCall(receiver.url);
    await shop.pay(orderId, 'call-1', { pan: DEBIT, kind: 'debit', pin: '123456' }, APPROVED);
    const job = jobNamed('deliver-notifications', { deliverer: createNotificationDeliverer({ ...deps, secretBox: shop.box }) });

    await job.run();
    await job.run();

    expect(receiver.received).to.have.length(1);
    expect((JSON.parse(receiver.received[0].rawBody) as OrderEvent).data.id).to.equal(orderId);
    expect(job.name).to.equal('deliver-notifications');
    expect(cron.validate(job.schedule)).to.equal(true);
  });
});
