import { expect } from 'chai';
import { maskId } from '../../src/console/console-data';
import { createConsoleFixture, NOW, type ConsoleFixture } from './console-fixture';

describe('console/console-data: what the operator console shows', () => {
  let f: ConsoleFixture;
  beforeEach(async () => {
    f = await createConsoleFixture();
  });
  afterEach(() => f.deps.db.destroy());

  it('when calls are live, then each shows its order masked, its merchant, the field reached and how long it has run', async () => {
    f.deps.advance(75_000);
    const { calls } = await f.console.data.overview();
    expect(calls).to.deep.equal([
      { order: maskId(f.liveOrderId), merchant: 'Globex', mode: 'inbound', field: 'card', seconds: 75 },
      { order: null, merchant: null, mode: 'callback', field: null, seconds: 75 },
    ]);
    expect(calls[0].order)
      .to.match(/^ord_…[0-9a-f]{6}$/)
      .and.not.equal(f.liveOrderId);
  });

  it("when today's payments are counted, then only the Beijing day's count, with the success rate and decline reasons", async () => {
    const { today } = await f.console.data.overview();
    expect(today).to.deep.equal({
      date: '2026-03-02',
      attempts: 8,
      approved: 3,
      approvedAmount: 6000,
      declined: 3,
      unresolved: 2,
      successRate: 0.5,
      declineReasons: [
        { reason: 'insufficient_funds', count: 2 },
        { reason: 'wrong_pin', count: 1 },
      ],
    });
  });

  it('when the day has no final answer yet, then the success rate is null, not 0', async () => {
    f.deps.advance(24 * 3_600_000);
    const { today } = await f.console.data.overview();
    expect(today).to.include({ date: '2026-03-03', attempts: 0, successRate: null });
  });

  it('when callbacks, lines and webhooks are read, then due, dialling, later, pending and failed are told apart', async () => {
    const overview = await f.console.data.overview();
    expect(overview.callbacks).to.deep.equal({
      due: 2,
      later: 1,
      dialing: 1,
      oldestDueAt: new Date(NOW.getTime() - 12 * 60_000).toISOString(),
    });
    expect(overview.lines).to.deep.equal({ inbound: 7, outbound: 3, capacity: 30 });
    expect(overview.webhooks).to.deep.equal({
      pending: 3,
      due: 2,
      oldestPendingAt: new Date(NOW.getTime() - 25 * 60_000).toISOString(),
      failed: 1,
    });
  });

  it('when payments are unresolved, then unknown and unknown_manual are listed oldest first with the card as bank and last four', async () => {
    const { unresolved } = await f.console.data.overview();
    expect(unresolved.map((u) => [u.attemptId, u.merchant, u.amount, u.state, u.card])).to.deep.equal([
      [f.attempts.manual, 'Globex', 5100, 'unknown_manual', 'pab ····0018'],
      [f.attempts.unknown, 'Acme Travel', 4200, 'unknown', 'pab ····0018'],
    ]);
    expect(JSON.stringify(unresolved)).not.to.include('621626');
  });

  it('when the series is asked for 3 hours, then 180 minutes with calls, payments and approvals in their minute', async () => {
    const series = await f.console.data.series(3);
    expect(series.minutes).to.have.length(180);
    expect(series.minutes.at(-1)).to.equal(NOW.getTime() / 1000);
    expect(series.minutes[1] - series.minutes[0]).to.equal(60);
    const at = (minutesAgo: number) => 179 - minutesAgo;
    // Legs 5, 5, 6, 30, 60, 61, 100, 119 minutes ago; the one 200 minutes ago is outside.
    expect(series.calls.reduce((a, b) => a + b)).to.equal(8);
    expect(series.calls[at(5)]).to.equal(2);
    expect(series.calls[at(119)]).to.equal(1);
    // Attempts today; the unknown_manual one 90 minutes ago counts as a payment, not an approval.
    expect(series.payments.reduce((a, b) => a + b)).to.equal(8);
    expect(series.approved.reduce((a, b) => a + b)).to.equal(3);
    expect([series.payments[at(90)], series.approved[at(90)]]).to.deep.equal([1, 0]);
    expect([series.payments[at(5)], series.approved[at(5)]]).to.deep.equal([1, 1]);
  });

  it('when an id is masked, then its prefix and last six characters remain', () => {
    expect(maskId('ord_0123456789abcdef0123')).to.equal('ord_…ef0123');
    expect(maskId('ord_abc')).to.equal('ord_abc');
  });
});
