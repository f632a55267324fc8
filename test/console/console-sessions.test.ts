import { expect } from 'chai';
import { createSessionStore, csrfMatches } from '../../src/console/console-sessions';

const ALICE = { id: 'opr_1', name: 'alice', passwordSetAt: '2026-03-01T00:00:00.000Z' };

describe('console/console-sessions', () => {
  let now = 0;
  const clock = () => new Date(now);
  beforeEach(() => {
    now = Date.parse('2026-03-02T04:00:00.000Z');
  });

  it('when a session outlives its lifetime, then it is gone', () => {
    const sessions = createSessionStore({ ttlMs: 1000, now: clock });
    const s = sessions.open();
    now += 999;
    expect(sessions.get(s.id)).to.equal(s);
    now += 1;
    expect(sessions.get(s.id)).to.equal(undefined);
  });

  it('when an operator signs in, then the session gets a new id and token and the old one is over', () => {
    const sessions = createSessionStore({ ttlMs: 60_000, now: clock });
    const anonymous = sessions.open();
    const signedIn = sessions.signIn(anonymous.id, ALICE);
    expect(signedIn.id).not.to.equal(anonymous.id);
    expect(signedIn.csrf).not.to.equal(anonymous.csrf);
    expect(sessions.get(anonymous.id)).to.equal(undefined);
    expect(sessions.get(signedIn.id)?.user).to.deep.equal(ALICE);
  });

  it('when anonymous sessions flood the store, then the oldest anonymous ones go, never a logged-in one', () => {
    const sessions = createSessionStore({ ttlMs: 60_000, now: clock, maxSessions: 3 });
    const operator = sessions.signIn(sessions.open().id, ALICE);
    const opened = Array.from({ length: 10 }, () => sessions.open());
    expect(sessions.get(operator.id)).to.equal(operator);
    expect(opened.filter((s) => sessions.get(s.id)).length).to.equal(2);
    expect(sessions.get(opened[9].id)).to.equal(opened[9]);
  });

  it('when a token is checked, then only the session’s own matches', () => {
    const sessions = createSessionStore({ ttlMs: 60_000, now: clock });
    const [a, b] = [sessions.open(), sessions.open()];
    expect(csrfMatches(a, a.csrf)).to.equal(true);
    expect(csrfMatches(a, b.csrf)).to.equal(false);
    expect(csrfMatches(a, a.csrf.slice(1))).to.equal(false);
    expect(csrfMatches(a, undefined)).to.equal(false);
    expect(csrfMatches(a, [a.csrf])).to.equal(false);
  });
});
