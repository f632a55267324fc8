import { expect } from 'chai';
import { afterAttempt, type AttemptFacts } from '../../src/callback/after-attempt';
import { DEFAULT_CALLING_HOURS } from '../../src/callback/calling-hours';
import { DEFAULT_RETRY_POLICY } from '../../src/callback/retry-policy';

describe('callback/after-attempt', () => {
  const facts = (over: Partial<AttemptFacts> = {}): AttemptFacts => ({
    outcome: 'busy',
    attemptsMade: 1,
    orderStatus: 'created',
    orderPayable: true,
    expiresAt: new Date('2026-03-03T00:00:00Z'),
    now: new Date('2026-03-02T02:00:00Z'), // 10:00 in Shanghai
    policy: { retry: DEFAULT_RETRY_POLICY, hours: DEFAULT_CALLING_HOURS },
    ...over,
  });

  it('when the order was paid in the call, then the callback is done', () => {
    expect(afterAttempt(facts({ outcome: 'paid' }))).to.deep.equal({ state: 'done' });
    expect(afterAttempt(facts({ orderStatus: 'paid', orderPayable: false }))).to.deep.equal({ state: 'done' });
  });

  it('when the order expired or was cancelled meanwhile, then the callback is cancelled', () => {
    expect(afterAttempt(facts({ orderStatus: 'expired', orderPayable: false }))).to.deep.equal({ state: 'cancelled' });
  });

  it('when the order is held by another call, then the policy still decides', () => {
    expect(afterAttempt(facts({ orderStatus: 'in_call', orderPayable: false }))).to.deep.equal({
      state: 'scheduled',
      at: new Date('2026-03-02T02:02:00Z'),
    });
  });

  it('when the number does not exist or the policy is used up, then it gives up with the reason', () => {
    expect(afterAttempt(facts({ outcome: 'invalid_number' }))).to.deep.equal({ state: 'unreachable', reason: 'invalid_number' });
    expect(afterAttempt(facts({ outcome: 'rejected' }))).to.deep.equal({ state: 'unreachable', reason: 'unreachable' });
    expect(afterAttempt(facts({ attemptsMade: 4 }))).to.deep.equal({ state: 'unreachable', reason: 'unreachable' });
  });

  it('when the next call would come after the order expires, then it gives up now', () => {
    expect(afterAttempt(facts({ expiresAt: new Date('2026-03-02T02:01:00Z') }))).to.deep.equal({
      state: 'unreachable',
      reason: 'expires_first',
    });
  });
});
