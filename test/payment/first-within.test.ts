import { expect } from 'chai';
import { firstWithin } from '../../src/payment/first-within';

describe('services/first-within', () => {
  it('when the promise settles in time, then its value comes back', async () => {
    expect(await firstWithin(Promise.resolve('answer'), 1000)).to.equal('answer');
  });

  it('when the promise is slower than the wait, then undefined comes back at the wait and the promise still runs on', async () => {
    let finished = false;
    const slow = new Promise<string>((resolve) => setTimeout(() => ((finished = true), resolve('late')), 80));
    const started = Date.now();

    expect(await firstWithin(slow, 20)).to.equal(undefined);
    expect(Date.now() - started).to.be.lessThan(70);
    expect(await slow).to.equal('late');
    expect(finished).to.equal(true);
  });
});
