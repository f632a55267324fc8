import { expect } from 'chai';
import { classifyChannelEnd, isRetried, type DialOutcome } from '../../src/callback/hangup-cause';

describe('classifyChannelEnd', () => {
  const byCause: Array<[number, DialOutcome]> = [
    [17, 'busy'],
    [18, 'no_answer'],
    [19, 'no_answer'],
    [20, 'no_answer'],
    [34, 'congestion'],
    [38, 'congestion'],
    [41, 'congestion'],
    [42, 'congestion'],
    [44, 'congestion'],
    [27, 'congestion'],
    [1, 'invalid_number'],
    [3, 'invalid_number'],
    [22, 'invalid_number'],
    [28, 'invalid_number'],
    [21, 'rejected'],
    [127, 'failed'],
    [58, 'failed'],
    [16, 'failed'],
    [0, 'failed'],
  ];
  for (const [cause, outcome] of byCause) {
    it(`when the cause is ${cause}, then the outcome is ${outcome}`, () => {
      expect(classifyChannelEnd({ cause })).to.equal(outcome);
    });
  }

  const byStatus: Array<[string, DialOutcome]> = [
    ['BUSY', 'busy'],
    ['NOANSWER', 'no_answer'],
    ['CONGESTION', 'congestion'],
    ['CHANUNAVAIL', 'congestion'],
    ['ANSWER', 'answered_unpaid'],
    ['busy', 'busy'],
    ['CANCEL', 'failed'],
    ['constructor', 'failed'],
    ['', 'failed'],
  ];
  for (const [dialStatus, outcome] of byStatus) {
    it(`when only the Dial status "${dialStatus}" is known, then the outcome is ${outcome}`, () => {
      expect(classifyChannelEnd({ dialStatus })).to.equal(outcome);
    });
  }

  it('when a Local channel ends with cause 0 and Dial status BUSY, then the status decides: busy', () => {
    expect(classifyChannelEnd({ cause: 0, dialStatus: 'BUSY' })).to.equal('busy');
  });

  it('when an unallocated number shows NOANSWER, then the cause wins: invalid_number', () => {
    expect(classifyChannelEnd({ cause: 1, dialStatus: 'NOANSWER' })).to.equal('invalid_number');
  });

  it('when the channel was answered, then it is answered_unpaid whatever the cause', () => {
    expect(classifyChannelEnd({ answered: true, cause: 16 })).to.equal('answered_unpaid');
    expect(classifyChannelEnd({ answered: true, cause: 21 })).to.equal('answered_unpaid');
  });

  it('when nothing is known, then it is failed', () => {
    expect(classifyChannelEnd({})).to.equal('failed');
  });
});

describe('isRetried', () => {
  it('when the number is invalid or the call rejected, then it is not retried; every other outcome is', () => {
    const all: DialOutcome[] = ['busy', 'no_answer', 'congestion', 'invalid_number', 'rejected', 'answered_unpaid', 'failed'];
    expect(all.filter(isRetried)).to.deep.equal(['busy', 'no_answer', 'congestion', 'answered_unpaid', 'failed']);
  });
});
