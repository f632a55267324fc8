import { expect } from 'chai';
import type { CaptureView } from '../../src/agent-assist/agent-desk';
import { buildCaptureEvent, type CaptureEvent } from '../../src/agent-assist/capture-event';
import { createCaptureNotifier } from '../../src/agent-assist/enqueue-capture-event';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { DEBIT } from '../helpers/test-cards';
import { openShop, type Shop } from '../notify/notify-fixtures';

const URL = 'https://merchant.example/hooks';

describe('agent-assist/enqueue-capture-event (capture webhooks through the outbox)', () => {
  let deps: TestDeps;
  let shop: Shop;
  beforeEach(async () => {
    deps = await createTestDeps();
    shop = await openShop(deps);
  });
  afterEach(() => deps.db.destroy());

  const view = (orderId: string): CaptureView => ({
    captureId: 'cap_1',
    orderId,
    state: 'collecting',
    fields: [
      { field: 'card', state: 'valid', digitCount: 19, masked: '621626*********0018', bank: '平安银行' },
      { field: 'pin', state: 'valid' },
    ],
  });

  it('when a field completes on an order with a notify URL, then one pending event holds names, states and the masked card only', async () => {
    const orderId = await shop.orderInCall(URL, 'chan-1');
    const capture = view(orderId);
    await createCaptureNotifier(deps).notify('capture.field_completed', 'chan-1', capture, capture.fields[1]);

    const rows = await deps.db('notifications');
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ order_id: orderId, merchant_id: shop.merchantId, type: 'capture.field_completed', url: URL });
    const event = JSON.parse(rows[0].payload) as CaptureEvent;
    expect(event.id).to.equal(rows[0].id);
    expect(event.data).to.deep.include({ captureId: 'cap_1', callId: 'chan-1', orderId, state: 'collecting' });
    expect(event.data.field).to.deep.equal({ field: 'pin', state: 'valid' });
    expect(event.data.fields[0].masked).to.equal('621626*********0018');
  });

  it('when the order has no notify URL, then nothing is queued', async () => {
    const orderId = await shop.orderInCall(undefined, 'chan-1');
    await createCaptureNotifier(deps).notify('capture.completed', 'chan-1', view(orderId));
    expect(await deps.db('notifications')).to.deep.equal([]);
  });

  it('when a full card number or extra properties ever reached a view, then the event still holds BIN and last four only', () => {
    const leaky = { field: 'card' as const, state: 'valid' as const, masked: DEBIT, pin: '123456' };
    const event = buildCaptureEvent(
      { id: 'ord_1', merchant_order_id: 'M1' },
      'capture.field_completed',
      'chan-1',
      { captureId: 'cap_1', orderId: 'ord_1', state: 'collecting', fields: [leaky] },
      leaky,
      'evt_1',
      new Date('2026-03-15T02:00:00Z'),
    );
    const text = JSON.stringify(event);
    expect(text).to.not.include(DEBIT).and.not.include('123456');
    expect(event.data.field?.masked).to.equal(`${DEBIT.slice(0, 6)}${'*'.repeat(DEBIT.length - 10)}${DEBIT.slice(-4)}`);
  });
});
