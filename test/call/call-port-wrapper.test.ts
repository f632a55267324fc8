import { expect } from 'chai';
import { CallPortWrapper } from '../../src/call/call-port-wrapper';
import { FakeCall } from '../helpers/fake-call';

describe('call/CallPortWrapper', () => {
  it('when nothing is overridden, then every request and the language reach the wrapped call', async () => {
    const inner = new FakeCall({ id: 'holder', answers: { pin: '123456' } });
    const call = new CallPortWrapper(inner);

    await call.answer();
    call.language = 'en';
    await call.play(['welcome']);
    const collected = await call.collect({
      field: 'pin',
      prompts: ['enter-pin'],
      maxDigits: 6,
      firstDigitTimeoutMs: 1000,
      interDigitTimeoutMs: 1000,
    });
    await call.hangup();

    expect([call.id, call.signal, call.language]).to.deep.equal(['holder', inner.signal, 'en']);
    expect(inner.answered).to.equal(true);
    expect(inner.heard()).to.deep.equal(['welcome', 'enter-pin']);
    expect(inner.playedIn).to.deep.equal(['en', 'en']);
    expect(collected.digits).to.equal('123456');
    expect(inner.scriptHungUp).to.equal(true);
  });

  it('when the call is handed back, then the extension and variables reach the wrapped call', async () => {
    const inner = new FakeCall();
    await new CallPortWrapper(inner).handBack('8001', { IVRPAY_RESULT: 'paid' });
    expect(inner.handedBack).to.deep.equal({ extension: '8001', variables: { IVRPAY_RESULT: 'paid' } });
  });
});
