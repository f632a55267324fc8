import { expect } from 'chai';
import type { PaymentResult } from '../../src/call/payment-result';
import type { PaymentInput, PaymentsForCall, PreparedAttempt, SmsCodeRequest } from '../../src/call/call-ports';
import { runPaymentCall } from '../../src/call/payment-call';
import { FakeCall } from '../helpers/fake-call';
import { DEBIT } from './cards';
import { createFakeFlow, PAY_CODE } from './fake-flow-deps';

const SMS_CODE = '111111';
const MOBILE = '13552535506';

/** A payment service whose acquirer wants an SMS code for every card, answering like the sandbox. */
function smsPayments(answer: SmsCodeRequest = { ok: true, attempt: { attemptId: 'att_sms-1' } }) {
  const seen = {
    smsRequests: [] as PaymentInput[],
    pays: [] as Array<{ smsCode?: string; attempt?: PreparedAttempt; mobile?: string }>,
  };
  const payments: PaymentsForCall = {
    smsCodeRequired: () => true,
    requestSmsCode: (input) => {
      seen.smsRequests.push({ ...input, holder: { ...input.holder } });
      return Promise.resolve(answer);
    },
    pay: (input) => {
      seen.pays.push({ smsCode: input.holder.smsCode, attempt: input.attempt, mobile: input.holder.mobile });
      return Promise.resolve<PaymentResult>(
        input.holder.smsCode === SMS_CODE
          ? { outcome: 'approved', acquirerRef: 'Q1', responseCode: '00' }
          : { outcome: 'declined', reason: 'sms_code_wrong', responseCode: '71' },
      );
    },
  };
  return { payments, seen };
}

describe('call: SMS code step', () => {
  it('when the card needs an SMS code, then the mobile is asked, the code requested, keyed by the caller, and the payment names the prepared attempt', async () => {
    const flow = createFakeFlow();
    const { payments, seen } = smsPayments();
    flow.deps.payments = payments;
    const call = new FakeCall({
      answers: { card: `${DEBIT}#`, pin: '123456#', mobile: `${MOBILE}#`, 'sms-code': `${SMS_CODE}#`, confirm: '1' },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('paid');
    expect(call.asked).to.deep.equal(['card', 'pin', 'mobile', 'sms-code', 'confirm']);
    expect(call.heard()).to.include('enter-sms-code');
    expect(seen.smsRequests).to.have.length(1);
    expect(seen.smsRequests[0].holder.mobile).to.equal(MOBILE);
    expect(seen.pays).to.deep.equal([{ smsCode: SMS_CODE, attempt: { attemptId: 'att_sms-1' }, mobile: MOBILE }]);
  });

  it('when the caller keys a code of the wrong length three times, then the call ends with too many attempts and nothing is paid', async () => {
    const flow = createFakeFlow({ requires: { idNumber: false, mobile: true } });
    const { payments, seen } = smsPayments();
    flow.deps.payments = payments;
    const call = new FakeCall({
      answers: { card: `${DEBIT}#`, pin: '123456#', mobile: `${MOBILE}#`, 'sms-code': ['1111#', '12345', '12#'] },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('abandoned');
    expect(call.asked.filter((f) => f === 'sms-code')).to.have.length(3);
    expect(call.asked.filter((f) => f === 'mobile')).to.have.length(1);
    expect(call.heard()).to.include.members(['sms-code-invalid', 'too-many-attempts']);
    expect(seen.pays).to.deep.equal([]);
  });

  it('when the code keyed is wrong, then the caller hears the SMS-code reason and may try another card', async () => {
    const flow = createFakeFlow();
    const { payments } = smsPayments();
    flow.deps.payments = payments;
    const call = new FakeCall({
      answers: {
        card: `${DEBIT}#`,
        pin: '123456#',
        mobile: `${MOBILE}#`,
        'sms-code': '222222#',
        confirm: '1',
        'another-card': '2',
      },
    });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('declined');
    expect(call.heard()).to.include.members(['payment-declined', 'reason-sms_code_wrong', 'try-another-card']);
  });

  it('when the acquirer cannot send a code, then no code is asked, nothing is paid and the caller is told to try later', async () => {
    const flow = createFakeFlow();
    const { payments, seen } = smsPayments({ ok: false, reason: 'unavailable' });
    flow.deps.payments = payments;
    const call = new FakeCall({ answers: { card: `${DEBIT}#`, pin: '123456#', mobile: `${MOBILE}#` } });

    const outcome = await runPaymentCall(call, flow.deps, { payCode: PAY_CODE });

    expect(outcome).to.equal('unavailable');
    expect(call.asked).to.not.include('sms-code');
    expect(call.heard()).to.include('acquirer-unavailable');
    expect(seen.pays).to.deep.equal([]);
    expect(flow.releases).to.deep.equal([{ orderId: 'order-1', callId: 'call-1', outcome: 'abandoned' }]);
  });
});
