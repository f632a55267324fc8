import { expect } from 'chai';
import { queueSmsReminder } from '../../src/callback/sms-reminder';
import { REMINDERS, dialerFixture, type DialerFixture } from './dialer-fixture';

describe('callback/sms-reminder', () => {
  let fx: DialerFixture;
  beforeEach(async () => {
    fx = await dialerFixture();
  });
  afterEach(() => fx.close());

  const queue = (orderId: string, phone: string, settings = REMINDERS) =>
    fx.deps.store.transaction((tx) => queueSmsReminder(tx, orderId, phone, settings, fx.deps.now(), fx.deps.log));

  it('when reminders are queued twice for one order, then only the per-order cap goes out', async () => {
    const orderId = await fx.createCallbackOrder();
    expect(await queue(orderId, '13552535506')).to.match(/^sms_/);
    expect(await queue(orderId, '13552535506')).to.equal(undefined);
    expect(await queue(orderId, '13552535506', { ...REMINDERS, maxPerOrder: 2 })).to.match(/^sms_/);
  });

  it('when the phone is a landline, reminders are off, or the pay code is gone, then nothing is queued', async () => {
    const orderId = await fx.createCallbackOrder({ phone: '02162345678' });
    expect(await queue(orderId, '02162345678')).to.equal(undefined);
    expect(await queue(orderId, '13552535506', { ...REMINDERS, maxPerOrder: 0 })).to.equal(undefined);
    await fx.deps.db('orders').where({ id: orderId }).update({ pay_code: null });
    expect(await queue(orderId, '13552535506')).to.equal(undefined);
    expect(await fx.deps.db('sms').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('when the merchant name would put a card-like digit run in the text, then no SMS is queued', async () => {
    const orderId = await fx.createCallbackOrder();
    await fx.deps.db('merchants').update({ name: 'Shop 6216261000000000018' });
    expect(await queue(orderId, '13552535506')).to.equal(undefined);
    expect(await fx.deps.db('sms').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });
});
