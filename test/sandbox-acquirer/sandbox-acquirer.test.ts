import { expect } from 'chai';
import type { CardData } from '../../src/call/card-data';
import type { HolderData } from '../../src/call/holder-data';
import { createSandboxAcquirer, type InProcessRequest } from '../../sandbox-acquirer/sandbox-acquirer';
import { maskPan } from '../../src/domain/mask';
import { TEST_CARDS, TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, TEST_PIN, testCardFor } from '../../sandbox-acquirer/test-cards';
import { CREDIT, DEBIT } from '../helpers/test-cards';

const DAY_ONE = new Date('2026-03-15T02:00:00Z');

let attempts = 0;
function request(card: CardData, holder: HolderData = {}): InProcessRequest {
  attempts += 1;
  return { orderId: 'o1', attemptId: `a${attempts}`, amount: 100, currency: 'CNY', txnTime: '20260315100000', card, holder };
}
const debit = (pin: string, pan = DEBIT): InProcessRequest => request({ pan, kind: 'debit', pin });
const credit = (cvn2: string, expiryMmyy?: string, pan = CREDIT): InProcessRequest =>
  request({ pan, kind: 'credit', cvn2, expiryMmyy });

describe('createSandboxAcquirer', () => {
  it('when the debit test card comes with PIN 123456, then it is approved with a fresh reference', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });

    const first = await acquirer.pay(debit(TEST_PIN));
    const second = await acquirer.pay(debit(TEST_PIN));

    expect(first).to.include({ outcome: 'approved', responseCode: '00' });
    expect(first.outcome === 'approved' && second.outcome === 'approved' && first.acquirerRef !== second.acquirerRef).to.equal(
      true,
    );
  });

  it('when a wrong PIN is keyed three times in a row on one day, then the third is too_many_pin_tries and the card stays locked that day', async () => {
    let now = DAY_ONE;
    const acquirer = createSandboxAcquirer({ now: () => now });

    expect(await acquirer.pay(debit('000000'))).to.deep.equal({ outcome: 'declined', reason: 'wrong_pin', responseCode: '65' });
    expect(await acquirer.pay(debit('000001'))).to.include({ reason: 'wrong_pin' });
    expect(await acquirer.pay(debit('000002'))).to.include({ reason: 'too_many_pin_tries', responseCode: '67' });
    expect(await acquirer.pay(debit(TEST_PIN))).to.include({ reason: 'too_many_pin_tries' });

    now = new Date(DAY_ONE.getTime() + 24 * 3600_000);
    expect(await acquirer.pay(debit(TEST_PIN))).to.include({ outcome: 'approved' });
  });

  it('when the right PIN comes between wrong ones, then the count starts again', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });

    await acquirer.pay(debit('000000'));
    await acquirer.pay(debit('000000'));
    await acquirer.pay(debit(TEST_PIN));
    expect(await acquirer.pay(debit('000000'))).to.include({ reason: 'wrong_pin' });
  });

  it('when the credit test card comes with CVN2 123 and an expiry not in the past, then it is approved', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    expect(await acquirer.pay(credit(TEST_CVN2, TEST_EXPIRY_MMYY))).to.include({ outcome: 'approved' });
    expect(await acquirer.pay(credit(TEST_CVN2, '0326'))).to.include({ outcome: 'approved' });
  });

  for (const [label, cvn2, expiry] of [
    ['another CVN2', '124', TEST_EXPIRY_MMYY],
    ['an expiry in the past', TEST_CVN2, '0226'],
    ['no expiry', TEST_CVN2, undefined],
  ] as const) {
    it(`when the credit test card comes with ${label}, then it is declined wrong_cvn2_or_expiry`, async () => {
      const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
      expect(await acquirer.pay(credit(cvn2, expiry))).to.deep.equal({
        outcome: 'declined',
        reason: 'wrong_cvn2_or_expiry',
        responseCode: '65',
      });
    });
  }

  it('when holder data is sent, then only the test holder ID and mobile pass', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    const withHolder = (holder: HolderData) => acquirer.pay(request({ pan: DEBIT, kind: 'debit', pin: TEST_PIN }, holder));

    expect(await withHolder({ idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile })).to.include({ outcome: 'approved' });
    expect(await withHolder({ idNumber: '34112619770921105X' })).to.include({ reason: 'id_mobile_mismatch', responseCode: '66' });
    expect(await withHolder({ idNumber: TEST_HOLDER.idNumber, mobile: '13800138000' })).to.include({
      reason: 'id_mobile_mismatch',
    });
  });

  it('when a card is not a sandbox card or is sent as the wrong kind, then it is declined card_not_supported', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    expect(await acquirer.pay(debit(TEST_PIN, '6222021000000000017'))).to.include({ reason: 'card_not_supported' });
    expect(await acquirer.pay(credit(TEST_CVN2, TEST_EXPIRY_MMYY, DEBIT))).to.include({ reason: 'card_not_supported' });
  });

  const SETTLED: Record<string, string> = {
    issuer_timeout: 'approved',
    slow_answer: 'approved',
    duplicate_order: 'unavailable',
    answer_lost: 'pending',
  };
  for (const card of TEST_CARDS) {
    const expected = SETTLED[card.outcome] ?? card.outcome;
    it(`when ${maskPan(card.pan)} (${card.bankCode} ${card.kind}) is keyed as documented, then the settled answer is ${expected}`, async () => {
      const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
      const req = card.kind === 'debit' ? debit(TEST_PIN, card.pan) : credit(TEST_CVN2, TEST_EXPIRY_MMYY, card.pan);
      if (card.needsSmsCode) {
        req.holder = { mobile: TEST_HOLDER.mobile, smsCode: TEST_HOLDER.smsCode };
        expect(await acquirer.requestSmsCode(req)).to.deep.equal({ ok: true });
      }

      const result = await acquirer.pay(req);

      if (expected === 'approved' || expected === 'unavailable' || expected === 'pending')
        expect(result.outcome).to.equal(expected);
      else expect(result).to.include({ outcome: 'declined', reason: expected });
    });
  }

  it('when the answer-lost card pays, then the answer and every query say pending (only the reconciliation file tells)', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    const req = debit(TEST_PIN, testCardFor('debit', 'answer_lost').pan);
    expect(await acquirer.pay(req)).to.deep.equal({ outcome: 'pending', responseCode: '03' });
    const ref = { orderId: req.orderId, attemptId: req.attemptId, txnTime: req.txnTime ?? '' };
    expect(await acquirer.query(ref)).to.deep.equal({ outcome: 'pending' });
  });

  it('when the SMS card comes without a code, or with a code never requested, then it is declined 71', async () => {
    const sms = TEST_CARDS.find((c) => c.needsSmsCode)!;
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    expect(acquirer.smsCodeRequired(sms)).to.equal(true);
    expect(acquirer.smsCodeRequired({ pan: DEBIT, kind: 'debit' })).to.equal(false);
    expect(await acquirer.pay(debit(TEST_PIN, sms.pan))).to.include({ outcome: 'declined', responseCode: '71' });
    const unrequested = request(
      { pan: sms.pan, kind: 'debit', pin: TEST_PIN },
      { mobile: TEST_HOLDER.mobile, smsCode: TEST_HOLDER.smsCode },
    );
    expect(await acquirer.pay(unrequested)).to.include({ outcome: 'declined', responseCode: '71' });
  });

  it('when a payment was decided, then a query by attempt finds it, and an unknown attempt is not_found', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    const req = debit(TEST_PIN);
    const paid = await acquirer.pay(req);
    const ref = { orderId: req.orderId, attemptId: req.attemptId, txnTime: req.txnTime ?? '', cardKind: 'debit' as const };
    expect(await acquirer.query(ref)).to.deep.equal(paid);
    expect(await acquirer.query({ ...ref, attemptId: 'never-sent' })).to.deep.equal({ outcome: 'not_found' });
  });

  it('when an attempt is stamped, then its transaction time is Beijing YYYYMMDDhhmmss, as over ACP', () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    expect(acquirer.txnTimeOf(new Date('2026-03-15T02:00:00Z'))).to.equal('20260315100000');
  });

  it('when a body claims to be its notification, then it is rejected: the in-process sandbox notifies nothing', () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    expect(acquirer.parseNotification('respCode=00&orderId=a1')).to.deep.equal({ ok: false, reason: 'unexpected' });
  });

  it('when a wrong PIN was declined and the query does not know the card kind, then it says a plain decline (65 is PIN or CVN2)', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE });
    const req = debit('000000');
    expect(await acquirer.pay(req)).to.include({ reason: 'wrong_pin' });
    const ref = { orderId: req.orderId, attemptId: req.attemptId, txnTime: req.txnTime ?? '' };
    expect(await acquirer.query(ref)).to.deep.equal({ outcome: 'declined', reason: 'declined', responseCode: '65' });
    expect(await acquirer.query({ ...ref, cardKind: 'debit' })).to.include({ reason: 'wrong_pin' });
  });

  it('when a latency is set, then the answer comes no sooner', async () => {
    const acquirer = createSandboxAcquirer({ now: () => DAY_ONE, latencyMs: 60 });
    const started = Date.now();
    await acquirer.pay(debit(TEST_PIN));
    expect(Date.now() - started).to.be.at.least(55);
  });
});
