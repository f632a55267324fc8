import { expect } from 'chai';
import { refuseCall, refusalPrompt } from '../../src/ari/call-refusal';
import { FakeCall } from '../helpers/fake-call';

describe('ari/call-refusal', () => {
  it('when lines are full or the machine is overloaded, then the caller hears lines-busy; otherwise service-unavailable', () => {
    expect(refusalPrompt('lines-full')).to.equal('lines-busy');
    expect(refusalPrompt('overloaded')).to.equal('lines-busy');
    expect(refusalPrompt('not-ready')).to.equal('service-unavailable');
    expect(refusalPrompt('stopping')).to.equal('service-unavailable');
  });

  it('when a call is refused, then it is answered, hears the one prompt, and is hung up', async () => {
    const call = new FakeCall({});
    await refuseCall('overloaded')(call);
    expect(call.answered).to.equal(true);
    expect(call.played).to.deep.equal([['lines-busy']]);
    expect(call.scriptHungUp).to.equal(true);
  });
});
