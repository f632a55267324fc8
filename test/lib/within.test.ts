import { expect } from 'chai';
import sinon from 'sinon';
import { within } from '../../src/lib/within';
import { rejectionOf } from '../ari/rejection-of';

describe('lib/within', () => {
  describe('with a time limit', () => {
    it('when the promise settles in time, then its value comes back', async () => {
      expect(await within(Promise.resolve('answer'), { ms: 1000 })).to.equal('answer');
    });

    it('when the promise is slower than the wait, then undefined comes back at the wait and the promise still runs on', async () => {
      let finished = false;
      const slow = new Promise<string>((resolve) => setTimeout(() => ((finished = true), resolve('late')), 80));
      const started = Date.now();

      expect(await within(slow, { ms: 20 })).to.equal(undefined);
      expect(Date.now() - started).to.be.lessThan(70);
      expect(await slow).to.equal('late');
      expect(finished).to.equal(true);
    });

    it('when the promise fails in time, then its own error comes through', async () => {
      const boom = new Error('boom');
      expect(await rejectionOf(within(Promise.reject(boom), { ms: 1000 }, () => new Error('late')))).to.equal(boom);
    });
  });

  describe('timers (faked)', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    it('when the promise never settles and `expired` is given, then it rejects with that error at the limit', async () => {
      const late = new Error('late');
      const pending = rejectionOf(within(new Promise(() => {}), { ms: 5000 }, () => late));
      await clock.tickAsync(4999);
      expect(clock.countTimers()).to.equal(1);
      await clock.tickAsync(1);
      expect(await pending).to.equal(late);
    });

    it('when the promise settles either way, then no timer is left', async () => {
      await within(Promise.resolve(1), { ms: 5000 });
      await rejectionOf(within(Promise.reject(new Error('boom')), { ms: 5000 }));
      expect(clock.countTimers()).to.equal(0);
    });
  });

  describe('with an abort signal', () => {
    const hungUp = () => new Error('hung up');

    it('when the signal aborts first, then it rejects with `expired()` although the promise never settles', async () => {
      const controller = new AbortController();
      const pending = rejectionOf(within(new Promise(() => {}), { signal: controller.signal }, hungUp));
      controller.abort();
      expect(((await pending) as Error).message).to.equal('hung up');
    });

    it('when the signal has already aborted, then it rejects at once, even for a promise already resolved', async () => {
      const err = await rejectionOf(within(Promise.resolve('done'), { signal: AbortSignal.abort() }, hungUp));
      expect((err as Error).message).to.equal('hung up');
    });

    it('when the signal has already aborted and the promise then fails, then nothing is left unhandled', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        await rejectionOf(within(Promise.reject(new Error('channel gone')), { signal: AbortSignal.abort() }, hungUp));
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).to.deep.equal([]);
    });

    it('when the promise settles first, then its value or error comes through and the abort listener is removed', async () => {
      const controller = new AbortController();
      const remove = sinon.spy(controller.signal, 'removeEventListener');
      expect(await within(Promise.resolve(7), { signal: controller.signal }, hungUp)).to.equal(7);
      const boom = new Error('boom');
      expect(await rejectionOf(within(Promise.reject(boom), { signal: controller.signal }, hungUp))).to.equal(boom);
      expect(remove.callCount).to.equal(2);
      controller.abort();
    });
  });
});
