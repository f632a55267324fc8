import { expect } from 'chai';
import type { ProgressBar } from '../../src/cli/progress-bar';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createCallbackPolicies } from '../../src/callback/callback-policy';
import { createCallbackService } from '../../src/callback/callback-service';
import { createLineService, liveLineUsage } from '../../src/callback/line-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createSmsService } from '../../src/services/sms-service';
import { dialerFixture, unanswered, type DialerFixture } from '../callback/dialer-fixture';

describe('cli: callback, sms, lines and callback-policy commands', () => {
  let fx: DialerFixture;
  let admin: AdminDeps;
  let bars: string[];
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    fx = await dialerFixture();
    bars = [];
    const progressBar = (label: string): ProgressBar => ({
      update: (done, total) => bars.push(`${label} ${done}/${total}`),
      finish: () => bars.push('end'),
    });
    admin = {
      merchants: createMerchantService(fx.deps),
      orders: fx.orders,
      banks: createBankService(fx.deps),
      callbacks: createCallbackService(fx.deps),
      callbackPolicies: createCallbackPolicies(fx.deps),
      sms: createSmsService({ ...fx.deps, sms: { send: () => Promise.resolve({ providerId: 'p' }) } }),
      lines: createLineService({
        lines: { total: 30, maxOutbound: 10, reservedInbound: 5 },
        usage: liveLineUsage({ inbound: () => 3, outbound: () => 2 }, fx.deps.now),
        now: fx.deps.now,
      }),
      progressBar,
    };
  });
  afterEach(() => fx.close());

  async function givenUp(): Promise<string> {
    const orderId = await fx.createCallbackOrder();
    fx.behaviour = (_req, f) => Promise.resolve(unanswered(1, undefined, f, 1));
    await fx.runOnce();
    return orderId;
  }

  it('when callbacks are listed, then a table or JSON shows them, filtered by --due and --failed', async () => {
    const failed = await givenUp();
    const due = await fx.createCallbackOrder();

    const table = await run('callback', 'list');
    expect(table.exitCode).to.equal(0);
    expect(table.stdout.split('\n')[0]).to.match(
      /^orderId\s+merchantId\s+phone\s+state\s+attemptsMade\s+nextCallAt\s+lastOutcome$/,
    );
    expect(table.stdout).to.include(failed).and.include(due);
    const dueOnly = JSON.parse((await run('callback', 'list', '--due', '--json')).stdout) as { orderId: string }[];
    expect(dueOnly.map((c) => c.orderId)).to.deep.equal([due]);
    const failedOnly = JSON.parse((await run('callback', 'list', '--failed', '--json')).stdout) as { orderId: string }[];
    expect(failedOnly.map((c) => c.orderId)).to.deep.equal([failed]);
  });

  it('when one callback or every failed one is retried, then JSON says so and the bulk run reports progress', async () => {
    const a = await givenUp();
    const b = await givenUp();
    const one = await run('callback', 'retry', a);
    expect(one.exitCode).to.equal(0);
    expect(JSON.parse(one.stdout)).to.include({ orderId: a, state: 'scheduled' });

    const bulk = await run('callback', 'retry', '--all-failed');
    expect(bulk.exitCode).to.equal(0);
    expect(JSON.parse(bulk.stdout)).to.deep.equal({ retried: 1, skipped: 0 });
    expect(bars).to.deep.equal(['retrying 1/1', 'end']);
    expect((await fx.callback(b)).state).to.equal('scheduled');
  });

  it('when retry gets no order and no --all-failed, or both, then exit code 2', async () => {
    expect((await run('callback', 'retry')).exitCode).to.equal(2);
    const both = await run('callback', 'retry', 'ord_x', '--all-failed');
    expect(both.exitCode).to.equal(2);
    expect(both.stderr).to.include('give either an order id or --all-failed');
  });

  it('when an unknown order is retried or cancelled, then exit code 1', async () => {
    expect((await run('callback', 'retry', 'ord_nope')).exitCode).to.equal(1);
    const cancelled = await run('callback', 'cancel', 'ord_nope');
    expect(cancelled.exitCode).to.equal(1);
    expect(cancelled.stderr).to.equal('error: no callback for order ord_nope\n');
  });

  it('when a callback is cancelled, then its JSON shows it cancelled', async () => {
    const orderId = await fx.createCallbackOrder();
    const result = await run('callback', 'cancel', orderId);
    expect(result.exitCode).to.equal(0);
    expect(JSON.parse(result.stdout)).to.include({ orderId, state: 'cancelled' });
  });

  it('when SMS are listed and one is resent, then the list shows it and the resend queues it', async () => {
    const orderId = await givenUp();
    const listed = JSON.parse((await run('sms', 'list', '--order', orderId, '--json')).stdout) as { id: string }[];
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({ orderId, to: '13552535506', status: 'queued' });
    const table = await run('sms', 'list');
    expect(table.stdout.split('\n')[0]).to.match(/^id\s+orderId\s+to\s+status\s+attempts/);
    const resent = await run('sms', 'resend', listed[0].id);
    expect(resent.exitCode).to.equal(0);
    expect(JSON.parse(resent.stdout)).to.include({ id: listed[0].id, status: 'queued' });
    expect((await run('sms', 'resend', 'sms_nope')).exitCode).to.equal(1);
  });

  it('when lines are shown, then inbound, outbound and the limits are printed, as text or JSON', async () => {
    const text = await run('lines', 'show');
    expect(text.exitCode).to.equal(0);
    expect(text.stdout).to.match(/^inbound\s+3\s+\(reserved 5\)\noutbound\s+2 of at most 10\s+\(free now 8\)\ntotal\s+30\n/);
    expect(JSON.parse((await run('lines', 'show', '--json')).stdout)).to.include({
      inbound: 3,
      outbound: 2,
      maxOutbound: 10,
      reserved: 5,
      total: 30,
    });
  });

  it('when a merchant’s callback policy is set, then it is printed and used; bad values exit 2', async () => {
    const set = await run('merchant', 'set-callback-policy', fx.merchantId, '--delays', '5,15', '--hours', '09:00-20:00');
    expect(set.exitCode, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout)).to.deep.equal({
      merchantId: fx.merchantId,
      retryDelaysMinutes: [5, 15],
      callingHours: { start: '09:00', end: '20:00', timeZone: 'Asia/Shanghai' },
    });
    expect(
      (JSON.parse((await run('merchant', 'callback-policy', fx.merchantId)).stdout) as { retryDelaysMinutes: number[] })
        .retryDelaysMinutes,
    ).to.deep.equal([5, 15]);
    expect((await run('merchant', 'set-callback-policy', fx.merchantId, '--hours', '21:00-08:00')).exitCode).to.equal(2);
    expect((await run('merchant', 'set-callback-policy', fx.merchantId)).exitCode).to.equal(2);
    expect((await run('merchant', 'set-callback-policy', 'mch_nope', '--delays', '1')).exitCode).to.equal(1);
  });

  it('when orders are listed by mode and phone, then only matching callback orders show', async () => {
    const callback = await fx.createCallbackOrder();
    await fx.createCallbackOrder({ phone: '13800138000' });
    await fx.orders.createOrder(fx.merchantId, { merchantOrderId: 'IN1', amount: 100 });
    const byPhone = JSON.parse(
      (await run('order', 'list', '--mode', 'callback', '--phone', '+86 135 5253 5506', '--json')).stdout,
    ) as { id: string }[];
    expect(byPhone.map((o) => o.id)).to.deep.equal([callback]);
    expect(byPhone[0]).to.include({ mode: 'callback', phone: '13552535506' });
    expect((await run('order', 'list', '--phone', '12')).exitCode).to.equal(2);
  });

  it('when --help is asked of each new command, then it prints usage with exit code 0', async () => {
    const commands = [
      ['callback'],
      ['callback', 'list'],
      ['callback', 'retry'],
      ['callback', 'cancel'],
      ['sms'],
      ['sms', 'list'],
      ['sms', 'resend'],
      ['lines'],
      ['lines', 'show'],
      ['merchant', 'set-callback-policy'],
      ['merchant', 'callback-policy'],
    ];
    for (const command of commands) {
      const result = await run(...command, '--help');
      expect(result.exitCode, command.join(' ')).to.equal(0);
      expect(result.stdout, command.join(' ')).to.match(/^Usage: admin /);
    }
  });
});
