import { expect } from 'chai';
import { acpOrderIdOf } from '../../../src/acquirer/acp';
import { signatureHeader } from '../../../src/notify/signature-header';
import type { History, Invariant } from '../../../scripts/chaos/history';
import { checkHistory } from '../../../scripts/chaos/history-checker';
import { DEBIT } from '../../helpers/test-cards';

const SECRET = 'whsec_chaos_test';
const ORDER = 'ord_00000000000000000a01';
const ATTEMPT = 'att_00000000000000000b01-1';
const EVENT = 'evt_00000000000000000c01';

function delivery(eventId: string, type = 'order.paid', status = 200, secret = SECRET) {
  const body = JSON.stringify({ id: eventId, type, createdAt: '2026-12-06T04:00:00.000Z', data: { id: ORDER, status: 'paid' } });
  return { eventId, signature: signatureHeader([secret], 1_796_000_000, body), body, status };
}

/** A run that went right: one order, charged once, paid, its event delivered, nothing sensitive written. */
function cleanHistory(): History {
  return {
    ledger: [{ orderId: acpOrderIdOf(ATTEMPT), txnType: '01', respCode: '00', amountFen: 4599 }],
    consumesReceived: { [acpOrderIdOf(ATTEMPT)]: 1 },
    orders: [{ id: ORDER, status: 'paid', amount: 4599 }],
    attempts: [{ id: ATTEMPT, orderId: ORDER, state: 'approved' }],
    events: [{ id: EVENT, orderId: ORDER, type: 'order.paid' }],
    deliveries: [delivery(EVENT)],
    webhookSecret: SECRET,
    alertedAttempts: [],
    written: [{ name: 'service.log', text: '{"msg":"payment answered","card":{"masked":"621626*********0018"}}' }],
  };
}

function violated(h: History): Invariant[] {
  return checkHistory(h).violations.map((v) => v.invariant);
}

describe('chaos: the history checker', () => {
  it('when a run went right, then no invariant is violated', () => {
    expect(checkHistory(cleanHistory())).to.deep.equal({ violations: [], flagged: 0 });
  });

  it('when one order has two approved consumes at the acquirer, then that is reported', () => {
    const h = cleanHistory();
    const second = 'att_00000000000000000b01-2';
    h.attempts.push({ id: second, orderId: ORDER, state: 'approved' });
    h.ledger.push({ orderId: acpOrderIdOf(second), txnType: '01', respCode: '00', amountFen: 4599 });
    expect(violated(h)).to.deep.equal(['at most one approved consume per order']);
  });

  it('when one consume reached the acquirer twice, then that is reported (sent once, never again)', () => {
    const h = cleanHistory();
    h.consumesReceived[acpOrderIdOf(ATTEMPT)] = 2;
    expect(violated(h)).to.deep.equal(['at most one approved consume per order']);
  });

  it('when an order is paid with no approved consume, then that is reported', () => {
    const h = cleanHistory();
    h.ledger[0].respCode = '64';
    expect(violated(h)).to.deep.equal(['approved consumes = paid orders']);
  });

  it('when a consume was approved but the order is not paid, then that is reported, unless its attempt is flagged', () => {
    const h = cleanHistory();
    h.orders[0].status = 'abandoned';
    h.events = [];
    h.deliveries = [];
    expect(violated(h)).to.deep.equal(['approved consumes = paid orders']);

    h.attempts[0].state = 'unknown_manual';
    h.alertedAttempts = [ATTEMPT];
    expect(checkHistory(h)).to.deep.equal({ violations: [], flagged: 1 });
  });

  it('when an attempt is left unknown or sending, or flagged unknown_manual without its alert, then that is reported', () => {
    for (const state of ['unknown', 'sending', 'unknown_manual']) {
      const h = cleanHistory();
      h.attempts.push({ id: 'att_00000000000000000b02-1', orderId: ORDER, state });
      expect(violated(h), state).to.deep.equal(['unknown attempts resolved or flagged']);
    }
  });

  it('when an event was never delivered, or only answered 500, then that is reported', () => {
    const never = cleanHistory();
    never.deliveries = [];
    expect(violated(never)).to.deep.equal(['merchant events delivered, deduplicable by id']);

    const refused = cleanHistory();
    refused.deliveries = [delivery(EVENT, 'order.paid', 500)];
    expect(violated(refused)).to.deep.equal(['merchant events delivered, deduplicable by id']);
  });

  it('when one event id carries two different events, or a delivery is badly signed, then that is reported', () => {
    const twoEvents = cleanHistory();
    twoEvents.deliveries.push(delivery(EVENT, 'order.expired'));
    expect(violated(twoEvents)).to.deep.equal(['merchant events delivered, deduplicable by id']);

    const forged = cleanHistory();
    forged.deliveries = [delivery(EVENT, 'order.paid', 200, 'another secret'), delivery(EVENT)];
    expect(violated(forged)).to.deep.equal(['merchant events delivered, deduplicable by id']);
  });

  it('when the same event is delivered twice with the same id, then that is no violation (at least once)', () => {
    const h = cleanHistory();
    h.deliveries.push(delivery(EVENT));
    expect(violated(h)).to.deep.equal([]);
  });

  it('when an order is still in a call after every call of the run ended, then that is reported', () => {
    const h = cleanHistory();
    h.orders.push({ id: 'ord_00000000000000000a02', status: 'in_call', amount: 100 });
    expect(violated(h)).to.deep.equal(['no order left in a call that ended']);
  });

  it('when a card number is in a written file, or a PIN under a sensitive key, then that is reported', () => {
    const pan = cleanHistory();
    pan.written.push({ name: 'ivrpay.sqlite-wal', text: `\u0000garbage${DEBIT}\u0001` });
    expect(violated(pan)).to.deep.equal(['no card data written']);

    const pin = cleanHistory();
    pin.written.push({ name: 'service.log', text: '{"pin":"123456"}' });
    expect(checkHistory(pin).violations.map((v) => v.detail)).to.include.members([
      'test PIN in service.log',
      'unredacted sensitive key in service.log',
    ]);
  });
});
