import { expect } from 'chai';
import sinon from 'sinon';
import { AriTimeoutError, withTimeout } from '../../src/ari/with-timeout';
import { rejectionOf } from './rejection-of';

describe('ari/withTimeout', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  it('when the request never settles (Asterisk down), then it rejects with code ari_timeout', async () => {
    const pending = rejectionOf(withTimeout(new Promise(() => {}), 5000, 'answer'));
    await clock.tickAsync(5000);
    const err = await pending;
    expect(err).to.be.instanceOf(AriTimeoutError);
    expect((err as AriTimeoutError).code).to.equal('ari_timeout');
  });

  it('when the request answers in time, then its value comes through and no timer is left', async () => {
    expect(await withTimeout(Promise.resolve(7), 5000, 'x')).to.equal(7);
    expect(clock.countTimers()).to.equal(0);
  });

  it('when the request fails in time, then its own error comes through', async () => {
    const boom = new Error('boom');
    expect(await rejectionOf(withTimeout(Promise.reject(boom), 5000, 'x'))).to.equal(boom);
    expect(clock.countTimers()).to.equal(0);
  });
});
