import { expect } from 'chai';
import request from 'supertest';
import { AppError } from '../../../src/domain/app-error';
import type { NotificationReceipt } from '../../../src/payment/payment-notifications';
import { createTestApp } from '../test-app';

const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

describe('http: POST /acquirer/notify', () => {
  async function appAnswering(receipt: () => Promise<NotificationReceipt>) {
    const bodies: string[] = [];
    const t = await createTestApp({
      app: {
        acquirerNotifications: {
          receive: (body) => {
            bodies.push(body);
            return receipt();
          },
        },
      },
    });
    return { ...t, bodies };
  }

  it('when a verified notification comes, then the raw form body reaches the receiver and the answer is 200 without auth', async () => {
    const t = await appAnswering(() => Promise.resolve({ status: 'applied', changed: true }));
    const body = 'orderId=att1&respCode=00&signature=a%2Bb%3D';

    const res = await request(t.app).post('/acquirer/notify').set('content-type', FORM).send(body);

    expect(res.status).to.equal(200);
    expect(t.bodies).to.deep.equal([body]);
    await t.deps.db.destroy();
  });

  it('when the notification is a resend already applied, then the answer is still 200, so the acquirer stops resending', async () => {
    const t = await appAnswering(() => Promise.resolve({ status: 'duplicate' }));
    expect((await request(t.app).post('/acquirer/notify').set('content-type', FORM).send('a=1')).status).to.equal(200);
    await t.deps.db.destroy();
  });

  it('when the receiver rejects the notification, then the answer is 400', async () => {
    const t = await appAnswering(() => Promise.resolve({ status: 'rejected', reason: 'signature' }));
    const res = await request(t.app).post('/acquirer/notify').set('content-type', FORM).send('a=1');
    expect(res.status).to.equal(400);
    expect(res.text).to.equal('rejected');
    await t.deps.db.destroy();
  });

  it('when the service is not ready for notifications yet, then the answer is 503 and the acquirer sends it again later', async () => {
    const t = await appAnswering(() => Promise.reject(new AppError('unavailable', 'starting up')));
    expect((await request(t.app).post('/acquirer/notify').set('content-type', FORM).send('a=1')).status).to.equal(503);
    await t.deps.db.destroy();
  });

  it('when the app has no notification receiver, then the endpoint does not exist', async () => {
    const t = await createTestApp();
    expect((await request(t.app).post('/acquirer/notify').set('content-type', FORM).send('a=1')).status).to.equal(404);
    await t.deps.db.destroy();
  });
});
