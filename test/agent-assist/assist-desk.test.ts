import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { SILENCE, WAIT } from '../helpers/fake-call';
import { DEBIT, INSUFFICIENT_FUNDS } from '../call/cards';
import { deskFixture, MERCHANT, OTHER_MERCHANT } from './desk-fixture';

const DEBIT_ANSWERS = { card: DEBIT, pin: '123456', confirm: '1' };

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a rejection').to.be.instanceOf(AppError);
  return err as AppError;
}

describe('agent desk: captures on assisted calls', () => {
  it('when the agent starts a capture and the cardholder keys a debit card, then the order is paid and the agent saw the digits counted, the card masked with its bank, and the PIN only entered', async () => {
    const f = deskFixture({ answers: DEBIT_ANSWERS });

    const started = await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(started.orderId).to.equal(f.flow.order.id);
    expect(f.flow.state()).to.equal('paid');
    const last = f.desk.callsOf(MERCHANT)[0].capture;
    expect(last?.state).to.equal('paid');
    expect(last?.reason).to.equal('approved');
    expect(last?.fields).to.deep.equal([
      { field: 'card', state: 'valid', digitCount: 19, masked: '621626*********0018', bank: '平安银行' },
      { field: 'pin', state: 'valid' },
    ]);
    // Live: every digit of the card number counted, one event each, and never a count for the PIN.
    const counts = f.events
      .map((e) => e.call.capture?.fields.find((x) => x.field === 'card' && x.state === 'asking')?.digitCount)
      .filter((n) => n !== undefined);
    expect([...new Set(counts)]).to.deep.equal([0, ...Array.from({ length: 19 }, (_, i) => i + 1)]);
    const pinStates = f.events.flatMap((e) => e.call.capture?.fields.filter((x) => x.field === 'pin') ?? []);
    expect(pinStates.every((p) => p.digitCount === undefined)).to.equal(true);
    expect(new Set(pinStates.map((p) => p.state))).to.deep.equal(new Set(['asking', 'entered', 'valid']));
    // The cardholder heard the IVR's prompts and the result, and stays with the agent (no goodbye, no hang-up).
    expect(f.call.heard()).to.include.members(['enter-card', 'enter-pin', 'please-wait', 'payment-success']);
    expect(f.call.heard()).to.not.include('goodbye');
    expect(f.call.hungUp).to.equal(false);
    expect(JSON.stringify(f.events)).to.not.include(DEBIT).and.not.include('123456');
    // Keys pressed while talking with the agent before the capture are dropped, not taken as the card's first digits.
    expect(f.call.collects.map((c) => c.flush === true)).to.deep.equal([true, false, false]);
  });

  it('when a capture runs, then webhooks tell each field completed, then the capture completed, masked', async () => {
    const f = deskFixture({ answers: DEBIT_ANSWERS });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(f.notified.map((n) => [n.type, n.field?.field, n.field?.state])).to.deep.equal([
      ['capture.field_completed', 'card', 'valid'],
      ['capture.field_completed', 'pin', 'valid'],
      ['capture.completed', undefined, undefined],
    ]);
    expect(f.notified[0].field?.masked).to.equal('621626*********0018');
    expect(JSON.stringify(f.notified)).to.not.include(DEBIT);
  });

  it('when the card is declined, then the capture ends declined, the order is released as declined and capture.failed goes out', async () => {
    const f = deskFixture({ answers: { ...DEBIT_ANSWERS, card: INSUFFICIENT_FUNDS } });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(f.desk.callsOf(MERCHANT)[0].capture).to.include({ state: 'declined', reason: 'insufficient_funds' });
    expect(f.flow.releases).to.deep.equal([{ orderId: f.flow.order.id, callId: 'chan-1', outcome: 'declined' }]);
    expect(f.call.heard()).to.include.members(['payment-declined', 'reason-insufficient_funds']);
    expect(f.notified.at(-1)?.type).to.equal('capture.failed');
  });

  it('when another merchant names the call, or the merchant names another merchant’s order, then not_found and nothing is claimed', async () => {
    const f = deskFixture({ answers: DEBIT_ANSWERS });

    expect((await rejection(f.desk.startCapture(OTHER_MERCHANT, 'chan-1', f.flow.order.id))).code).to.equal('not_found');
    expect((await rejection(f.desk.startCapture(MERCHANT, 'chan-1', 'ord_of_someone_else'))).code).to.equal('not_found');
    expect((await rejection(f.desk.startCapture(MERCHANT, 'no-such-call', f.flow.order.id))).code).to.equal('not_found');
    expect(f.flow.claims).to.deep.equal([]);
    expect(f.desk.callsOf(OTHER_MERCHANT)).to.deep.equal([]);
  });

  it('when a second capture is started on a call while one runs, then conflict and the first goes on', async () => {
    const f = deskFixture({ answers: { ...DEBIT_ANSWERS, card: WAIT } });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);

    expect((await rejection(f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id))).code).to.equal('conflict');
    expect(f.flow.claims).to.have.length(1);
    await f.desk.cancel(MERCHANT, 'chan-1');
  });

  it('when two captures are started at once on a call, then exactly one is claimed', async () => {
    const f = deskFixture({ answers: { ...DEBIT_ANSWERS, card: WAIT } });
    const both = await Promise.allSettled([
      f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id),
      f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id),
    ]);

    expect(both.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect(f.flow.claims).to.have.length(1);
    await f.desk.cancel(MERCHANT, 'chan-1');
  });

  it('when the order cannot be paid (already paid), then order_not_payable', async () => {
    const f = deskFixture({ answers: DEBIT_ANSWERS });
    f.flow.setState('paid');

    expect((await rejection(f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id))).code).to.equal('order_not_payable');
  });

  it('when the cardholder hangs up mid-capture, then the capture is abandoned and the order released as abandoned', async () => {
    const f = deskFixture({ answers: DEBIT_ANSWERS, hangUpAt: 'pin' });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(f.desk.callsOf(MERCHANT)[0].capture).to.include({ state: 'abandoned', reason: 'caller_hung_up' });
    expect(f.flow.releases).to.deep.equal([{ orderId: f.flow.order.id, callId: 'chan-1', outcome: 'abandoned' }]);
    expect(f.notified.at(-1)).to.include({ type: 'capture.failed' });
    expect(f.flow.payments).to.deep.equal([]);
  });

  it('when the agent cancels while the cardholder keys, then the field is interrupted, the cardholder hears it was cancelled and stays, and the order is released', async () => {
    const f = deskFixture({ answers: { ...DEBIT_ANSWERS, pin: WAIT } });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await new Promise((resolve) => setImmediate(resolve));

    await f.desk.cancel(MERCHANT, 'chan-1');

    expect(f.desk.callsOf(MERCHANT)[0].capture).to.include({ state: 'cancelled', reason: 'cancelled_by_agent' });
    expect(f.call.heard().at(-1)).to.equal('payment-cancelled');
    expect(f.call.hungUp).to.equal(false);
    expect(f.flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
    expect(f.flow.payments).to.deep.equal([]);
    expect((await rejection(f.desk.cancel(MERCHANT, 'chan-1'))).code).to.equal('conflict');
  });

  it('when the agent asks for the PIN again before submission, then the PIN is asked again and the second one pays', async () => {
    let asked = 0;
    const f = deskFixture({
      answers: { card: DEBIT, pin: [WAIT, '123456'], confirm: '1' },
      onAsk: (field) => {
        if (field === 'pin' && ++asked === 1) setImmediate(() => void f.desk.askAgain(MERCHANT, 'chan-1', 'pin'));
      },
    });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(f.call.asked).to.deep.equal(['card', 'pin', 'pin', 'confirm']);
    expect(f.flow.state()).to.equal('paid');
  });

  it('when the agent asks for a field not asked yet, or the SMS code, or no capture runs, then it is refused', async () => {
    const f = deskFixture({ answers: { ...DEBIT_ANSWERS, card: WAIT } });
    expect((await rejection(f.desk.askAgain(MERCHANT, 'chan-1', 'pin'))).code).to.equal('conflict');
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);

    expect((await rejection(f.desk.askAgain(MERCHANT, 'chan-1', 'pin'))).code).to.equal('validation_failed');
    expect((await rejection(f.desk.askAgain(MERCHANT, 'chan-1', 'sms-code'))).code).to.equal('validation_failed');
    expect((await rejection(f.desk.askAgain(OTHER_MERCHANT, 'chan-1', 'card'))).code).to.equal('not_found');
    await f.desk.cancel(MERCHANT, 'chan-1');
  });

  it('when the cardholder keys nothing, then the IVR’s tries apply and the capture fails as too_many_attempts', async () => {
    const f = deskFixture({ answers: { card: SILENCE } });
    await f.desk.startCapture(MERCHANT, 'chan-1', f.flow.order.id);
    await f.ended();

    expect(f.call.asked).to.deep.equal(['card', 'card', 'card']);
    expect(f.desk.callsOf(MERCHANT)[0].capture).to.include({ state: 'failed', reason: 'too_many_attempts' });
    expect(f.desk.callsOf(MERCHANT)[0].capture?.fields).to.deep.equal([{ field: 'card', state: 'invalid' }]);
    expect(f.flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
  });
});
