import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { eventLoopLagTaker } from '../../src/admission/event-loop-lag';

describe('admission/eventLoopLagTaker', () => {
  it('when the loop was blocked, then the next take reports the delay, and the one after starts afresh', async () => {
    const lag = eventLoopLagTaker();
    try {
      await sleep(50);
      const until = Date.now() + 300;
      while (Date.now() < until); // blocks the loop on purpose: the delay to measure
      await sleep(30);
      expect(lag.take()).to.be.at.least(200);
      await sleep(50);
      expect(lag.take()).to.be.below(200);
    } finally {
      lag.stop();
    }
  });
});
