import { expect } from 'chai';
import { acquirerCheck } from '../../src/health/acquirer-check';

describe('health/acquirer-check', () => {
  it('when the acquirer is not wired yet, then it is not ok: starting', async () => {
    expect(await acquirerCheck(() => undefined).run()).to.deep.equal({ ok: false, state: 'starting' });
  });

  it('when the acquirer answers a connection, then it is ok: reachable; when not, unreachable with the reason', async () => {
    const up = acquirerCheck(() => () => Promise.resolve({ ok: true, checkedAt: '2026-03-01T08:00:00.000Z' }));
    expect(await up.run()).to.deep.equal({ ok: true, state: 'reachable', checkedAt: '2026-03-01T08:00:00.000Z' });
    const down = acquirerCheck(
      () => () => Promise.resolve({ ok: false, checkedAt: '2026-03-01T08:00:00.000Z', error: 'ECONNREFUSED' }),
    );
    expect(await down.run()).to.deep.equal({
      ok: false,
      state: 'unreachable',
      checkedAt: '2026-03-01T08:00:00.000Z',
      error: 'ECONNREFUSED',
    });
  });
});
