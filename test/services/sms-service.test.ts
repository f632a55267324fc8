import { expect } from 'chai';
import { describeEachStore } from '../helpers/test-db';
import { createSmsService } from '../../src/services/sms-service';
import { SmsSendError, type SmsMessage, type SmsPort } from '../../src/sms/sms-port';
import { dialerFixture, unanswered, type DialerFixture } from '../callback/dialer-fixture';

describeEachStore('services/sms-service', () => {
  let fx: DialerFixture;
  let sent: SmsMessage[];
  let answer: () => Promise<{ providerId: string }>;
  const port: SmsPort = {
    send: async (message) => {
      sent.push(message);
      return answer();
    },
  };
  const service = () => createSmsService({ ...fx.deps, sms: port, maxAttempts: 3, random: () => 0.5 });

  /** An order given up by the dialer, with its reminder queued. */
  async function withReminder(): Promise<string> {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = (_req, f) => Promise.resolve(unanswered(1, undefined, f, 1));
    await fx.runOnce();
    return orderId;
  }

  beforeEach(async () => {
    fx = await dialerFixture();
    sent = [];
    answer = () => Promise.resolve({ providerId: 'gw-1' });
  });
  afterEach(() => fx.close());

  it('when a queued reminder is due, then it is sent once and recorded as sent with the provider id', async () => {
    const orderId = await withReminder();
    expect(await service().sendDue()).to.deep.equal({ sent: 1, retrying: 0, failed: 0 });
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 0 });

    expect(sent).to.have.length(1);
    expect(sent[0].to).to.equal('13552535506');
    expect(sent[0].reference).to.match(/^sms_/);
    const [view] = await service().listSms({ orderId });
    expect(view).to.include({ status: 'sent', attempts: 1, providerId: 'gw-1', sentAt: fx.deps.now().toISOString() });
  });

  it('when the gateway fails for a while, then the SMS is retried later and fails after the last attempt', async () => {
    const orderId = await withReminder();
    answer = () => Promise.reject(new SmsSendError('SMS gateway: HTTP 503', false));
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 1, failed: 0 });
    expect(await service().sendDue(), 'not due yet').to.deep.equal({ sent: 0, retrying: 0, failed: 0 });
    fx.deps.advance(60 * 60_000);
    await service().sendDue();
    fx.deps.advance(60 * 60_000);
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });

    const [view] = await service().listSms({ orderId });
    expect(view).to.include({ status: 'failed', attempts: 3, lastError: 'SMS gateway: HTTP 503' });
  });

  it('when the gateway refuses the message, then it fails at once, and a resend queues it again', async () => {
    const orderId = await withReminder();
    answer = () => Promise.reject(new SmsSendError('SMS gateway: refused: blacklisted', true));
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });

    const [failed] = await service().listSms({ orderId, status: 'failed' });
    answer = () => Promise.resolve({ providerId: 'gw-2' });
    expect(await service().resend(failed.id)).to.include({ status: 'queued', attempts: 1 });
    expect(await service().sendDue()).to.deep.equal({ sent: 1, retrying: 0, failed: 0 });
    expect(await fx.deps.db('sms').count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('when an unknown SMS is resent, then not_found', async () => {
    let code: string | undefined;
    await service()
      .resend('sms_nope')
      .catch((err: { code: string }) => (code = err.code));
    expect(code).to.equal('not_found');
  });

  it('when the order was paid before its reminder went out, then the SMS is not sent', async () => {
    const orderId = await withReminder();
    await fx.deps.db('orders').where({ id: orderId }).update({ status: 'paid', pay_code: null });
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });
    expect(sent).to.deep.equal([]);
    const [view] = await service().listSms({ orderId });
    expect(view).to.include({ status: 'failed', attempts: 0, lastError: 'not sent: the order is paid' });
  });

  it('when the order is being paid in a call as its reminder falls due, then it is held a minute, not counted as an attempt', async () => {
    const orderId = await withReminder();
    await fx.deps.db('orders').where({ id: orderId }).update({ status: 'in_call' });
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 1, failed: 0 });
    fx.deps.advance(59_000);
    expect(await service().sendDue(), 'held a minute').to.deep.equal({ sent: 0, retrying: 0, failed: 0 });

    await fx.deps.db('orders').where({ id: orderId }).update({ status: 'unreachable' });
    fx.deps.advance(1_000);
    expect(await service().sendDue()).to.deep.equal({ sent: 1, retrying: 0, failed: 0 });
    const [view] = await service().listSms({ orderId });
    expect(view).to.include({ status: 'sent', attempts: 1 });
  });

  it('when the order is past its expiry (not yet marked expired) as its reminder falls due, then it is not sent', async () => {
    const orderId = await withReminder();
    await fx.deps.db('orders').where({ id: orderId }).update({ expires_at: fx.deps.now().toISOString() });
    expect(await service().sendDue()).to.deep.equal({ sent: 0, retrying: 0, failed: 1 });
    expect(sent).to.deep.equal([]);
    const [view] = await service().listSms({ orderId });
    expect(view).to.include({ status: 'failed', lastError: 'not sent: the order is expired' });
  });
});
