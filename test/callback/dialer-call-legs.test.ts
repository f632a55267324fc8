import { expect } from 'chai';
import { createCallLegRecorder } from '../../src/cdr/call-leg-recorder';
import { answered, dialerFixture, type DialerFixture } from './dialer-fixture';

describe('callback/dialer call detail records', () => {
  let fx: DialerFixture;
  beforeEach(async () => {
    fx = await dialerFixture();
  });
  afterEach(() => fx.close());

  it('when a callback is not answered, then its leg is outbound, with its order and merchant, unanswered and billing nothing', async () => {
    const orderId = await fx.createCallbackOrder();
    await fx.runOnce(fx.newDialer({ legs: createCallLegRecorder(fx.deps) }));
    const [leg] = await fx.deps.db('call_legs');
    const [attempt] = await fx.deps.db('callback_attempts').where({ order_id: orderId });
    expect(leg).to.include({
      id: (attempt as { id: string }).id,
      direction: 'outbound',
      order_id: orderId,
      merchant_id: fx.merchantId,
      answered_at: null,
      outcome: 'unanswered',
      ended_at: '2026-03-02T02:00:20.000Z',
    });
  });

  it('when a callback is answered, then its leg ends answered (the answer time comes from the call script side)', async () => {
    fx.behaviour = (req, f) => answered(req, f, true);
    await fx.createCallbackOrder();
    const legs = createCallLegRecorder(fx.deps);
    await fx.runOnce(fx.newDialer({ legs }));
    const [leg] = (await fx.deps.db('call_legs')) as { outcome: string; ended_at: string }[];
    expect(leg).to.include({ outcome: 'answered', ended_at: '2026-03-02T02:01:30.000Z' });
  });
});
