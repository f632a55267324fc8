import { expect } from 'chai';
import request from 'supertest';
import { orderSchema } from '../../src/http/api-schemas';
import type { OrderView } from '../../src/order/order-view';
import { bodyOf, errorOf } from '../helpers/body-of';
import { createTestApp, type TestApp } from './test-app';

describe('http/routes/orders: callback orders', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(); // the clock stands at 2026-03-01 16:00 in Shanghai
  });
  afterEach(() => t.deps.db.destroy());

  const create = (body: object, key = t.a.key) =>
    request(t.app).post('/v1/orders').set('Authorization', `Bearer ${key}`).send(body);
  const base = { merchantOrderId: 'CB1', amount: 12345, mode: 'callback' };

  it('when a merchant creates a callback order, then it is scheduled for now with the phone in national form', async () => {
    const res = await create({ ...base, phone: '+86 135-5253-5506' });

    expect(res.status).to.equal(201);
    expect(res.body).to.deep.include({ mode: 'callback', status: 'created', expiresAt: '2026-03-02T08:00:00.000Z' });
    const order = bodyOf<OrderView>(res);
    expect(order.payCode).to.match(/^\d{6}$/);
    expect(order.callback).to.deep.equal({
      phone: '13552535506',
      state: 'scheduled',
      nextCallAt: '2026-03-01T08:00:00.000Z',
      attemptsMade: 0,
      attempts: [],
    });
    const read = await request(t.app).get(`/v1/orders/${order.id}`).set('Authorization', `Bearer ${t.a.key}`);
    expect(read.body).to.deep.equal(res.body);
    expect(orderSchema.safeParse(res.body).success, 'matches the documented Order').to.equal(true);
  });

  it('when callAfter falls at night, then the first call is at the next 08:00 in Shanghai', async () => {
    const res = await create({ ...base, phone: '021 6234 5678', callAfter: '2026-03-01T22:30:00+08:00' });
    expect(res.status).to.equal(201);
    expect(bodyOf<OrderView>(res).callback).to.deep.include({
      phone: '02162345678',
      callAfter: '2026-03-01T14:30:00.000Z',
      nextCallAt: '2026-03-02T00:00:00.000Z',
    });
  });

  const refusals: Array<[string, object, Record<string, string>]> = [
    [
      'an international number',
      { ...base, phone: '+1 415 555 0100' },
      { phone: 'only mainland China (+86) numbers can be called' },
    ],
    [
      'a short mobile',
      { ...base, phone: '1355253550' },
      { phone: 'a mobile number has 11 digits: 1, then 3 to 9, then 9 digits' },
    ],
    [
      'a landline without its area code',
      { ...base, phone: '62345678' },
      { phone: 'a landline needs its area code with the leading 0, e.g. 021 12345678' },
    ],
    [
      'letters',
      { ...base, phone: '135abc' },
      { phone: 'phone may contain only digits, a leading +, spaces, hyphens and parentheses' },
    ],
    ['no phone', base, { phone: 'is required for callback orders' }],
    ['a phone on an inbound order', { ...base, mode: 'inbound', phone: '13552535506' }, { phone: 'only for callback orders' }],
    [
      'a callAfter without a time zone',
      { ...base, phone: '13552535506', callAfter: '2026-03-01T10:00:00' },
      {
        callAfter: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T10:00:00+08:00',
      },
    ],
  ];
  for (const [what, body, fields] of refusals) {
    it(`when the order has ${what}, then 400 validation_failed names the field`, async () => {
      const res = await create(body);
      expect(res.status).to.equal(400);
      expect(errorOf(res)).to.deep.equal({ code: 'validation_failed', message: 'the request has invalid fields', fields });
    });
  }

  it('when the first call would come after the order expires, then 400 on callAfter', async () => {
    const res = await create({ ...base, phone: '13552535506', callAfter: '2026-03-03T10:00:00+08:00' });
    expect(res.status).to.equal(400);
    expect(errorOf(res).fields?.callAfter).to.match(
      /^the first call \(2026-03-03T02:00:00.000Z, within calling hours\) must come before/,
    );
    expect(await t.deps.db('orders').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('when another merchant asks for the callback order, then 404', async () => {
    const created = bodyOf<OrderView>(await create({ ...base, phone: '13552535506' }));
    const res = await request(t.app).get(`/v1/orders/${created.id}`).set('Authorization', `Bearer ${t.b.key}`);
    expect(res.status).to.equal(404);
  });

  it('when the merchant cancels a callback order, then its callback is cancelled too', async () => {
    const created = bodyOf<OrderView>(await create({ ...base, phone: '13552535506' }));
    const res = await request(t.app).post(`/v1/orders/${created.id}/cancel`).set('Authorization', `Bearer ${t.a.key}`).send({});
    expect(res.status).to.equal(200);
    const { callback } = bodyOf<OrderView>(res);
    expect(callback?.state).to.equal('cancelled');
    expect(callback).not.to.have.property('nextCallAt');
  });
});
