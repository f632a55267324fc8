import { expect } from 'chai';
import { parseLines, parseSweepLevels } from '../../../scripts/bench/calls/sweep-options';
import { usageErrorOf } from '../../helpers/usage-error-of';

describe('bench:calls sweep options', () => {
  it('when the levels increase, then they are taken as given (spaces allowed)', () => {
    expect(parseSweepLevels('100,200, 300')).to.deep.equal([100, 200, 300]);
    expect(parseSweepLevels('50')).to.deep.equal([50]);
  });

  it('when the levels are empty, then the error shows how to give them', () => {
    expect(usageErrorOf(() => parseSweepLevels(''))).to.include('--sweep 100,200,300');
    expect(usageErrorOf(() => parseSweepLevels('100,,200'))).to.include("'' is not a whole number");
  });

  it('when a level is not a whole number, then the error names it', () => {
    expect(usageErrorOf(() => parseSweepLevels('100,2e2'))).to.include("'2e2' is not a whole number");
    expect(usageErrorOf(() => parseSweepLevels('100,-5'))).to.include("'-5'");
    expect(usageErrorOf(() => parseSweepLevels('1.5'))).to.include("'1.5'");
  });

  it('when a level is 0, then it is refused', () => {
    expect(usageErrorOf(() => parseSweepLevels('0,100'))).to.include('at least 1');
  });

  it('when the levels do not increase, then the error names the pair', () => {
    expect(usageErrorOf(() => parseSweepLevels('100,300,200'))).to.include('200 comes after 300');
    expect(usageErrorOf(() => parseSweepLevels('100,100'))).to.include('100 comes after 100');
  });

  it('when --lines is a whole number, then it is taken; else the error says so', () => {
    expect(parseLines('300')).to.equal(300);
    expect(usageErrorOf(() => parseLines('many'))).to.include("--lines: 'many'");
    expect(usageErrorOf(() => parseLines('0'))).to.include('at least 1');
  });
});
