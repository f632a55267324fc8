import { expect } from 'chai';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { newOrder, startE2e, TEST_CONTEXT, type E2eHarness } from '../helpers/e2e-service';
import { DEBIT } from '../helpers/test-cards';

const PAY = {
  card: `${DEBIT}#`,
  pin: `${TEST_PIN}#`,
  id: `${TEST_HOLDER.idNumber}#`,
  mobile: `${TEST_HOLDER.mobile}#`,
  confirm: '1',
};

describe('the language offer after the greeting, through the sandbox Asterisk @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;

  before(async () => {
    h = await startE2e('language-switch', { LANGUAGE_SWITCH: 'on' });
  });
  after(async () => {
    await h?.stop();
  });

  const dial = (payCode: string) => `Local/${payCode}@${TEST_CONTEXT}`;

  // Each call goes as far as the PIN, past the card: the whole payment after the offer is the inbound tests' (CI time).
  it('when the caller presses 9 at the offer, then the call goes on to the card and the PIN', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: { language: '9', ...PAY },
      hangupAfterField: 'pin',
      timeoutMs: 60_000,
    });

    expect(result.fieldsAsked).to.deep.equal(['language', 'card', 'pin']);
    expect(result.hungUpBy).to.equal('caller');
  });

  it('when the caller lets the offer pass, then it ends on its short wait and the call goes on to the card and the PIN', async () => {
    const order = await newOrder(h);
    const result = await h.caller.call({
      endpoint: dial(order.payCode),
      answers: PAY,
      hangupAfterField: 'pin',
      timeoutMs: 60_000,
    });

    expect(result.fieldsAsked).to.deep.equal(['language', 'card', 'pin']);
    expect(result.promptsHeard.slice(0, 2)).to.deep.equal(['welcome', 'press-9-english']);
    expect(result.hungUpBy).to.equal('caller');
  });
});
