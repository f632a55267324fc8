import { expect } from 'chai';
import { digitPrompts } from '../../src/call/digit-speech';

describe('digitPrompts', () => {
  it('when given the last four of the sandbox card, then each digit is read alone', () => {
    expect(digitPrompts('0018')).to.deep.equal(['num-0', 'num-0', 'num-1', 'num-8']);
  });

  it('when given every digit, then each maps to its own number prompt', () => {
    expect(digitPrompts('9876543210')).to.deep.equal([
      'num-9',
      'num-8',
      'num-7',
      'num-6',
      'num-5',
      'num-4',
      'num-3',
      'num-2',
      'num-1',
      'num-0',
    ]);
  });

  it('when given something other than digits, then it throws', () => {
    expect(() => digitPrompts('12*4')).to.throw(RangeError);
  });
});
