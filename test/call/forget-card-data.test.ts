import { expect } from 'chai';
import type { CardData } from '../../src/call/card-data';
import type { PaymentInput, PaymentsForCall, SmsCodeRequest } from '../../src/call/call-ports';
import { forgetCardData } from '../../src/call/forget-card-data';
import type { HolderData } from '../../src/call/holder-data';
import type { PaymentResult } from '../../src/call/payment-result';
import type { PendingPayment } from '../../src/call/pending-payment';
import { runPaymentCall } from '../../src/call/payment-call';
import { PaymentStateUnknownError } from '../../src/call/submit-payment';
import { FakeCall } from '../helpers/fake-call';
import { CREDIT, DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const ID_NUMBER = '341126197709218366';
const MOBILE = '13552535506';
const SMS_CODE = '111111';
const creditKeys = { card: `${CREDIT}#`, expiry: '1230#', cvn2: '123#', id: `${ID_NUMBER}#`, mobile: `${MOBILE}#` };
const debitKeys = { card: `${DEBIT}#`, pin: '123456#', id: `${ID_NUMBER}#`, mobile: `${MOBILE}#` };

/** The very objects the script handed to the payment service, and copies of them as they were then. */
interface Handed {
  card: CardData;
  holder: HolderData;
  cardThen: CardData;
  holderThen: HolderData;
}

function hand(input: PaymentInput): Handed {
  return { card: input.card, holder: input.holder, cardThen: { ...input.card }, holderThen: { ...input.holder } };
}

/** A payment service answering with `answer`, keeping what it was handed; optionally wanting an SMS code. */
function keepingPayments(answer: () => Promise<PaymentResult | PendingPayment>, sms?: SmsCodeRequest) {
  const handed = { pays: [] as Handed[], smsRequests: [] as Handed[] };
  const payments: PaymentsForCall = {
    pay: (input) => {
      handed.pays.push(hand(input));
      return answer();
    },
    ...(sms
      ? {
          smsCodeRequired: () => true,
          requestSmsCode: (input: PaymentInput) => {
            handed.smsRequests.push(hand(input));
            return Promise.resolve(sms);
          },
        }
      : {}),
  };
  return { payments, handed };
}

function expectForgotten(h: Handed): void {
  expect(h.card).to.deep.equal({ pan: '', kind: h.cardThen.kind });
  expect(h.holder).to.deep.equal({});
}

describe('call: forget-card-data', () => {
  it('when card and holder data are forgotten, then the card number is blank and the expiry, CVN2, PIN, ID number, mobile and SMS code are gone', () => {
    const keyed = {
      bankCode: 'pab',
      data: { pan: CREDIT, kind: 'credit' as const, expiryMmyy: '1230', cvn2: '123', pin: '123456' },
    };
    const holder: HolderData = { idNumber: ID_NUMBER, mobile: MOBILE, smsCode: SMS_CODE };

    forgetCardData(keyed, holder);

    expect(keyed).to.deep.equal({ bankCode: 'pab', data: { pan: '', kind: 'credit' } });
    expect(holder).to.deep.equal({});
  });

  it('when a credit card is approved, then the card and holder data the payment was given are blanked once it answers', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const { payments, handed } = keepingPayments(() =>
      Promise.resolve({ outcome: 'approved', acquirerRef: 'Q1', responseCode: '00' }),
    );
    flow.deps.payments = payments;

    expect(
      await runPaymentCall(new FakeCall({ answers: { ...creditKeys, confirm: '1' } }), flow.deps, { payCode: PAY_CODE }),
    ).to.equal('paid');

    expect(handed.pays).to.have.length(1);
    expect(handed.pays[0].cardThen).to.deep.equal({ pan: CREDIT, kind: 'credit', expiryMmyy: '1230', cvn2: '123' });
    expect(handed.pays[0].holderThen).to.deep.equal({ idNumber: ID_NUMBER, mobile: MOBILE });
    expectForgotten(handed.pays[0]);
  });

  it('when a debit card is declined, then the card and holder data the payment was given are blanked', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true }, settings: { maxCards: 1 } });
    const { payments, handed } = keepingPayments(() =>
      Promise.resolve({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' }),
    );
    flow.deps.payments = payments;

    expect(
      await runPaymentCall(new FakeCall({ answers: { ...debitKeys, confirm: '1' } }), flow.deps, { payCode: PAY_CODE }),
    ).to.equal('declined');

    expect(handed.pays[0].cardThen).to.include({ pan: DEBIT, pin: '123456' });
    expectForgotten(handed.pays[0]);
  });

  it('when the payment service fails without an answer, then the card and holder data are blanked all the same', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const { payments, handed } = keepingPayments(() => Promise.reject(new Error('socket closed')));
    flow.deps.payments = payments;

    const failed = await runPaymentCall(new FakeCall({ answers: { ...debitKeys, confirm: '1' } }), flow.deps, {
      payCode: PAY_CODE,
    }).catch((err: unknown) => err);

    expect(failed).to.be.instanceOf(PaymentStateUnknownError);
    expect(handed.pays).to.have.length(1);
    expectForgotten(handed.pays[0]);
  });

  it('when the SMS code cannot be sent, then the card and holder data keyed for it are blanked', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true }, settings: { maxCards: 1 } });
    const { payments, handed } = keepingPayments(() => Promise.reject(new Error('no payment expected')), {
      ok: false,
      reason: 'declined',
    });
    flow.deps.payments = payments;

    await runPaymentCall(new FakeCall({ answers: { ...debitKeys, confirm: '1' } }), flow.deps, { payCode: PAY_CODE });

    expect(handed.pays).to.deep.equal([]);
    expect(handed.smsRequests).to.have.length(1);
    expect(handed.smsRequests[0].cardThen).to.include({ pan: DEBIT, pin: '123456' });
    expectForgotten(handed.smsRequests[0]);
  });

  it('when the caller re-enters the card at the read-back, then the first card and holder data are blanked, and so is the second once paid', async () => {
    const flow = createFakeFlow({ requires: { idNumber: true, mobile: true } });
    const { payments, handed } = keepingPayments(
      () => Promise.resolve({ outcome: 'approved', acquirerRef: 'Q1', responseCode: '00' }),
      { ok: true, attempt: { attemptId: 'att_sms-1' } },
    );
    flow.deps.payments = payments;
    const call = new FakeCall({ answers: { ...debitKeys, 'sms-code': `${SMS_CODE}#`, confirm: ['2', '1'] } });

    expect(await runPaymentCall(call, flow.deps, { payCode: PAY_CODE })).to.equal('paid');

    expect(handed.smsRequests).to.have.length(2);
    const [first, second] = handed.smsRequests;
    expect(first.card).to.not.equal(second.card);
    expect(first.cardThen).to.include({ pan: DEBIT, pin: '123456' });
    expectForgotten(first);
    expect(handed.pays).to.have.length(1);
    expect(handed.pays[0].card).to.equal(second.card);
    expectForgotten(second);
  });
});
