import { expect } from 'chai';
import type { AttemptRef, QueryResult } from '../../src/acquirer/acquirer-port';
import { OFFICIAL_QUERY_DELAYS_MS, queryUntilSettled } from '../../src/acquirer/query-until-settled';

const REF: AttemptRef = { orderId: 'ord_1', attemptId: 'att_1-1', txnTime: '20260302120000' };

/** A port answering from a script, recording every wait asked for. */
function scripted(...answers: Array<QueryResult | Error>) {
  const waits: number[] = [];
  let queries = 0;
  return {
    waits,
    queries: () => queries,
    acquirer: {
      query(): Promise<QueryResult> {
        const next = answers[Math.min(queries++, answers.length - 1)];
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
    },
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('queryUntilSettled', () => {
  it('when no schedule is given, then it waits 1, 2, 4, 8, 16, 32 s before the six queries and then gives up pending', async () => {
    const s = scripted({ outcome: 'pending' });
    expect(await queryUntilSettled(s.acquirer, REF, { sleep: s.sleep })).to.deep.equal({ outcome: 'pending' });
    expect(s.waits).to.deep.equal([1000, 2000, 4000, 8000, 16000, 32000]);
    expect(OFFICIAL_QUERY_DELAYS_MS).to.deep.equal(s.waits);
    expect(s.queries()).to.equal(6);
  });

  it('when the third query is final, then it stops there with that answer', async () => {
    const approved: QueryResult = { outcome: 'approved', acquirerRef: 'q1', responseCode: '00' };
    const s = scripted({ outcome: 'pending' }, { outcome: 'pending' }, approved);
    expect(await queryUntilSettled(s.acquirer, REF, { sleep: s.sleep })).to.deep.equal(approved);
    expect(s.queries()).to.equal(3);
  });

  it('when the acquirer has no such order, then not_found ends it at once', async () => {
    const s = scripted({ outcome: 'not_found' });
    expect(await queryUntilSettled(s.acquirer, REF, { sleep: s.sleep, delaysMs: [5, 5] })).to.deep.equal({
      outcome: 'not_found',
    });
    expect(s.queries()).to.equal(1);
  });

  it('when a query throws, then that counts as pending and the schedule goes on', async () => {
    const s = scripted(new Error('boom'), { outcome: 'declined', reason: 'insufficient_funds', responseCode: '64' });
    expect(await queryUntilSettled(s.acquirer, REF, { sleep: s.sleep, delaysMs: [1, 1, 1] })).to.include({ outcome: 'declined' });
  });

  it('when aborted while waiting (shutdown), then it returns pending without querying', async () => {
    const s = scripted({ outcome: 'approved', acquirerRef: 'q', responseCode: '00' });
    const stop = new AbortController();
    const pending = queryUntilSettled(s.acquirer, REF, { signal: stop.signal, delaysMs: [60_000] });
    stop.abort();
    expect(await pending).to.deep.equal({ outcome: 'pending' });
    expect(s.queries()).to.equal(0);
  });
});
