import { expect } from 'chai';
import { createPaymentRecovery } from '../../src/payment/payment-recovery';
import { createConsoleFixture, type ConsoleFixture } from '../console/console-fixture';

describe('payment/payment-recovery queryNow: one query of one unresolved payment, for an operator', () => {
  let f: ConsoleFixture;
  let queried: string[];
  let busy: boolean;
  const recovery = () =>
    createPaymentRecovery({
      ...f.deps,
      acquirer: {
        query: (ref) => {
          queried.push(ref.attemptId);
          return Promise.resolve(f.answers.get(ref.attemptId) ?? { outcome: 'pending' });
        },
      },
      busy: () => busy,
    });
  beforeEach(async () => {
    f = await createConsoleFixture();
    queried = [];
    busy = false;
  });
  afterEach(() => f.deps.db.destroy());
  const stateOf = async (id: string) => (await f.deps.db('payment_attempts').where({ id }).first())?.state;

  it('when the acquirer declines an unknown_manual payment, then it is settled declined after one query', async () => {
    f.answers.set(f.attempts.manual, { outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' });
    const result = await recovery().queryNow(f.attempts.manual);
    expect(result).to.deep.equal({ attemptId: f.attempts.manual, answer: 'declined', state: 'declined' });
    expect(queried).to.deep.equal([f.attempts.manual]);
  });

  it('when the acquirer never got it, then not_found: nothing charged', async () => {
    f.answers.set(f.attempts.unknown, { outcome: 'not_found' });
    expect(await recovery().queryNow(f.attempts.unknown)).to.deep.include({ answer: 'not_found', state: 'not_found' });
  });

  it('when a call is settling the order, then the acquirer is not asked', async () => {
    busy = true;
    expect(await recovery().queryNow(f.attempts.unknown)).to.deep.include({ answer: 'busy', state: 'unknown' });
    expect(queried).to.deep.equal([]);
  });

  it('when the payment already has its final word, then it is not queried again', async () => {
    expect(await recovery().queryNow(f.attempts.approved1)).to.deep.include({ answer: 'not_unresolved', state: 'approved' });
    expect(queried).to.deep.equal([]);
    expect(await stateOf(f.attempts.approved1)).to.equal('approved');
  });

  it('when the attempt does not exist, then not_found as an error', async () => {
    await recovery()
      .queryNow('att_nope-1')
      .then(
        () => expect.fail('resolved'),
        (err: { code?: string }) => expect(err.code).to.equal('not_found'),
      );
  });
});
