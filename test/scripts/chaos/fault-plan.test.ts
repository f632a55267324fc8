import { expect } from 'chai';
import { drawRunPlan } from '../../../scripts/chaos/fault-plan';
import { createPrng, runSeed } from '../../../scripts/chaos/prng';

describe('chaos: seeded fault plans', () => {
  it('when a run is drawn twice from one seed and index, then the plans are the same (a run replays alone)', () => {
    expect(drawRunPlan(7, 41)).to.deep.equal(drawRunPlan(7, 41));
    expect(drawRunPlan(7, 41)).to.not.deep.equal(drawRunPlan(7, 42));
    expect(drawRunPlan(7, 41)).to.not.deep.equal(drawRunPlan(8, 41));
  });

  it('when many runs are drawn, then every kind of fault and card is planned somewhere', () => {
    const plans = Array.from({ length: 300 }, (_, i) => drawRunPlan(20261206, i));
    const planned = new Set(
      plans.flatMap((p) => [
        ...p.acquirer.flatMap((f) => (f ? [`acquirer ${f}`] : [])),
        ...p.notify.flatMap((f) => (f ? [`notification ${f}`] : [])),
        ...(p.kill ? [`kill ${p.kill.step}`] : []),
        ...(p.sqliteBusy ? ['sqlite busy'] : []),
        ...(p.diskFull ? ['disk full'] : []),
        ...(p.clockJump ? ['clock jump'] : []),
        ...p.orders.flatMap((o) => [o.card, ...(o.callFault ? [o.callFault.kind] : [])]),
      ]),
    );
    for (const kind of ['slow', 'timeout', '5xx', 'reset', 'answer-lost'])
      expect(planned, `acquirer ${kind}`).to.include(`acquirer ${kind}`);
    for (const kind of ['duplicate', 'reorder', 'late', 'dropped']) expect(planned).to.include(`notification ${kind}`);
    for (const step of ['before-send', 'after-send', 'after-answer', 'before-commit']) expect(planned).to.include(`kill ${step}`);
    expect(planned).to.include.members(['sqlite busy', 'disk full', 'clock jump', 'asterisk-restart', 'ari-websocket-drop']);
    expect(planned).to.include.members(['approved-debit', 'declined', 'issuer-timeout', 'slow-answer', 'answer-lost']);
  });

  it('when amounts are drawn, then none spells the test PIN or expiry (the card-data scan would flag it)', () => {
    const amounts = Array.from({ length: 2000 }, (_, i) => drawRunPlan(3, i)).flatMap((p) => p.orders.map((o) => o.amount));
    expect(amounts).to.not.include.members([1230, 3012]);
  });

  it('when the generator is seeded, then its draws stay in their ranges', () => {
    const r = createPrng(runSeed(1, 2));
    const ints = Array.from({ length: 1000 }, () => r.int(3, 5));
    expect(new Set(ints)).to.deep.equal(new Set([3, 4, 5]));
    expect(Array.from({ length: 1000 }, () => r.next()).every((x) => x >= 0 && x < 1)).to.equal(true);
  });
});
