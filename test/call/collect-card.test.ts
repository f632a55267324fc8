import { expect } from 'chai';
import { runPaymentCall } from '../../src/call/payment-call';
import { maskPan } from '../../src/domain/mask';
import { FakeCall, SILENCE } from '../helpers/fake-call';
import { AMBIGUOUS, CREDIT, DEBIT, GUANGFA, INSUFFICIENT_FUNDS, NO_BANK } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';
import { indexOfSequence } from './sequence';

const START = { payCode: PAY_CODE };
const DEBIT_REST = { pin: '123456#', confirm: '1' };
const CREDIT_REST = { expiry: '1230#', cvn2: '123#', confirm: '1' };

describe('runPaymentCall: card number and issuer', () => {
  it('when no bank issues the card, then the caller hears bank-not-supported and keys another card', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: [`${NO_BANK}#`, `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    const heard = call.heard();
    const at = heard.indexOf('bank-not-supported');
    expect(heard.slice(at, at + 3)).to.deep.equal(['bank-not-supported', 'use-another-card', 'enter-card']);
  });

  it('when the bank is coming soon, then the caller hears its name and bank-coming-soon', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: [`${GUANGFA}#`, `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    const heard = call.heard();
    const at = heard.indexOf('bank-cgb');
    expect(heard.slice(at, at + 3)).to.deep.equal(['bank-cgb', 'bank-coming-soon', 'use-another-card']);
  });

  it('when an admin disabled the bank, then the caller hears its name and bank-not-supported', async () => {
    const flow = createFakeFlow();
    flow.bankStatus.set('icbc', 'disabled');
    const call = new FakeCall({ answers: { card: [`${INSUFFICIENT_FUNDS}#`, `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    const heard = call.heard();
    const at = heard.indexOf('bank-icbc');
    expect(heard.slice(at, at + 3)).to.deep.equal(['bank-icbc', 'bank-not-supported', 'use-another-card']);
  });

  it('when three cards in a row are refused by bank, then the call ends with too-many-attempts', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${NO_BANK}#` } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('abandoned');
    expect(call.asked).to.deep.equal(['card', 'card', 'card']);
    expect(call.played.at(-1)).to.deep.equal(['too-many-attempts', 'goodbye']);
    expect(flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
  });

  it('when the BIN is shared by credit and debit, then the caller chooses; a wrong key is refused first', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({
      answers: { card: `${AMBIGUOUS}#`, 'card-kind': ['9', '2'], ...DEBIT_REST, 'another-card': '2' },
    });

    await runPaymentCall(call, flow.deps, START);

    expect(call.asked.slice(0, 4)).to.deep.equal(['card', 'card-kind', 'card-kind', 'pin']);
    expect(indexOfSequence(call.heard(), ['card-kind-choice', 'invalid-key', 'card-kind-choice', 'enter-pin'])).to.be.at.least(0);
    expect(flow.payments[0]).to.include({ kind: 'debit', bankCode: 'cmb' });
  });

  it('when the caller picks credit for a shared BIN, then expiry and CVN2 are asked', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${AMBIGUOUS}#`, 'card-kind': '1', ...CREDIT_REST, 'another-card': '2' } });

    await runPaymentCall(call, flow.deps, START);

    expect(call.asked.slice(0, 4)).to.deep.equal(['card', 'card-kind', 'expiry', 'cvn2']);
  });
});

describe('runPaymentCall: bad keys', () => {
  it('when # alone is keyed for the card number, then it is ignored and the silence after it asks again', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: ['#', `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(indexOfSequence(call.heard(), ['enter-card', 'no-input', 'enter-card'])).to.be.at.least(0);
    expect(call.heard()).not.to.include('card-invalid');
  });

  it('when a too short number is keyed, then card-invalid is heard and the rest of the keys do not leak into the retry', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: ['621626100#12', `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard().filter((p) => p === 'card-invalid')).to.have.length(1);
    expect(call.collects[1]).to.include({ field: 'card', flush: true });
  });

  it('when more digits than a card number has are keyed, then the number ends on the 19th and the rest is the next field', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}12345#`, pin: '123456', confirm: '1' } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    // The 5 extra keys were the first PIN try: too short, refused, and that PIN prompt was never needed.
    expect(call.heard().filter((p) => p === 'pin-invalid')).to.have.length(1);
    expect(call.collects.find((c) => c.field === 'card')).to.include({ maxDigits: 19 });
  });

  it('when the number is not in a UnionPay range, then it is refused', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: ['4111111111111111#', `${DEBIT}#`], ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard()).to.include('card-invalid');
  });

  it('when the caller is silent at the card number three times, then no-input is heard and the call ends', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: SILENCE } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('abandoned');
    expect(call.heard().filter((p) => p === 'no-input')).to.have.length(3);
    expect(call.played.at(-1)).to.deep.equal(['too-many-attempts', 'goodbye']);
    expect(flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
    expect(flow.state()).to.equal('abandoned');
  });

  it('when the expiry is in the past, then expiry-invalid is heard and it is asked again', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${CREDIT}#`, ...CREDIT_REST, expiry: ['0125#', '1330#', '1230#'] } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard().filter((p) => p === 'expiry-invalid')).to.have.length(2);
  });

  it('when the CVN2 is too short, then cvn2-invalid is heard and it is asked again', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${CREDIT}#`, ...CREDIT_REST, cvn2: ['12#', '1', '123#'] } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard().filter((p) => p === 'cvn2-invalid')).to.have.length(2);
  });

  it('when the PIN is short and the caller pauses, then pin-invalid is heard', async () => {
    const flow = createFakeFlow();
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, ...DEBIT_REST, pin: ['123', '123456#'] } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard()).to.include('pin-invalid');
  });

  it('when the ID check character is wrong, then id-invalid is heard', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: false } });
    const call = new FakeCall({
      answers: { card: `${DEBIT}#`, ...DEBIT_REST, id: ['341126197709218367#', '341126197709218366#'] },
    });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.heard().filter((p) => p === 'id-invalid')).to.have.length(1);
  });
});

/** A valid card number one digit off the debit test card: a slip of the finger. */
const DEBIT_SLIP = `${DEBIT.slice(0, -2)}${DEBIT.at(-1)}${DEBIT.at(-2)}`;

// The merchant's option to key the card number twice (issue 13 §6).
describe('runPaymentCall: the card number keyed twice', () => {
  it('when the second keying matches, then the payment goes on with that card', async () => {
    const flow = createFakeFlow({ confirmCard: true });
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, 'card-again': `${DEBIT}#`, ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'card-again', 'pin', 'confirm']);
    const heard = call.heard();
    expect(heard.slice(heard.indexOf('enter-card'), heard.indexOf('enter-card') + 3)).to.deep.equal([
      'enter-card',
      'enter-card-again',
      'enter-pin',
    ]);
    expect(flow.payments[0]).to.include({ masked: maskPan(DEBIT) });
  });

  it('when the second keying differs, then card-mismatch plays and the card number is asked again from the start', async () => {
    const flow = createFakeFlow({ confirmCard: true });
    const call = new FakeCall({
      answers: { card: [`${DEBIT}#`, `${DEBIT}#`], 'card-again': [`${DEBIT_SLIP}#`, `${DEBIT}#`], ...DEBIT_REST },
    });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'card-again', 'card', 'card-again', 'pin', 'confirm']);
    const heard = call.heard();
    const at = heard.indexOf('card-mismatch');
    expect(heard.slice(at - 1, at + 2)).to.deep.equal(['enter-card-again', 'card-mismatch', 'enter-card']);
    // The retry drops keys typed during the error prompt, as after any rejected answer.
    expect(call.collects[2]).to.include({ field: 'card', flush: true });
    const rejected = flow
      .logText()
      .split('\n')
      .filter((line) => line.includes('field rejected'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rejected).to.have.length(1);
    expect(rejected[0]).to.include({ field: 'card', attempt: 1, problem: 'mismatch', keys: 19 });
  });

  it('when a mismatch uses up the attempts left after an invalid number, then the call ends with too-many-attempts', async () => {
    const flow = createFakeFlow({ confirmCard: true });
    const call = new FakeCall({
      answers: { card: ['123#', `${DEBIT}#`, `${CREDIT}#`], 'card-again': [`${DEBIT_SLIP}#`, `${DEBIT}#`] },
    });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('abandoned');
    // Three attempts in all: an invalid number, then two numbers whose second keying differs.
    expect(call.asked).to.deep.equal(['card', 'card', 'card-again', 'card', 'card-again']);
    expect(call.heard().filter((p) => p === 'card-mismatch')).to.have.length(2);
    expect(call.played.at(-1)).to.deep.equal(['too-many-attempts', 'goodbye']);
    expect(flow.releases.map((r) => r.outcome)).to.deep.equal(['abandoned']);
  });

  it('when the caller says nothing the second time, then no-input plays and it costs the attempt', async () => {
    const flow = createFakeFlow({ confirmCard: true, settings: { maxAttempts: 2 } });
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, 'card-again': SILENCE } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('abandoned');
    expect(call.asked).to.deep.equal(['card', 'card-again', 'card', 'card-again']);
    expect(call.heard().filter((p) => p === 'no-input')).to.have.length(2);
  });

  it('when the merchant has not asked for it, then the card number is keyed once', async () => {
    const flow = createFakeFlow({ confirmCard: false });
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, ...DEBIT_REST } });

    expect(await runPaymentCall(call, flow.deps, START)).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'pin', 'confirm']);
    expect(call.heard()).to.not.include('enter-card-again');
  });

  it('never logs either keying of the card number', async () => {
    const flow = createFakeFlow({ confirmCard: true });
    const call = new FakeCall({
      answers: { card: [`${DEBIT}#`, `${DEBIT}#`], 'card-again': [`${DEBIT_SLIP}#`, `${DEBIT}#`], ...DEBIT_REST },
    });

    await runPaymentCall(call, flow.deps, START);

    expect(flow.logText()).to.not.include(DEBIT_SLIP);
    expect(flow.logText()).to.not.include(DEBIT);
  });
});
