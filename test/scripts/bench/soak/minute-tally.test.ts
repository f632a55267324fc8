import { expect } from 'chai';
import { CUT_AT_END, MinuteTally } from '../../../../scripts/bench/soak/minute-tally';

describe('scripts/bench/soak/minute-tally', () => {
  it("when a minute is taken, then it holds that minute's calls and the orders to ask about, and the next starts empty", () => {
    const tally = new MinuteTally();
    tally.started();
    tally.started();
    tally.ended({ orderId: 'ord_1' });
    tally.ended({ failure: 'timeout', orderId: 'ord_2' });
    const first = tally.take();
    expect(first.counts).to.deep.equal({ started: 2, completed: 1, failed: 1, cut: 0, failures: { timeout: 1 } });
    expect(first.orderIds).to.deep.equal(['ord_1', 'ord_2']);
    expect(tally.take()).to.deep.equal({
      counts: { started: 0, completed: 0, failed: 0, cut: 0, failures: {} },
      orderIds: [],
    });
  });

  it('when the soak hangs up the calls still going at the end, then they are cut, neither completed nor failed', () => {
    const tally = new MinuteTally();
    tally.started();
    tally.ended({ failure: CUT_AT_END, orderId: 'ord_1' });
    const taken = tally.take();
    expect(taken.counts).to.include({ completed: 0, failed: 0, cut: 1 });
    expect(taken.counts.failures).to.deep.equal({});
    expect(taken.orderIds).to.deep.equal([]);
  });

  it('when no order could be made, then the call is a failure with no order to ask about', () => {
    const tally = new MinuteTally();
    tally.ended({ failure: 'order not created' });
    expect(tally.take().orderIds).to.deep.equal([]);
  });

  it('keeps totals across minutes, and a copy of them cannot change the tally', () => {
    const tally = new MinuteTally();
    tally.started();
    tally.ended({ failure: 'timeout' });
    tally.take();
    tally.started();
    tally.ended({ failure: 'timeout' });
    const totals = tally.totals();
    expect(totals).to.deep.equal({ started: 2, completed: 0, failed: 2, cut: 0, failures: { timeout: 2 } });
    totals.failures.timeout = 99;
    expect(tally.totals().failures.timeout).to.equal(2);
  });
});
