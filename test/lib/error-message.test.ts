import { expect } from 'chai';
import { errorMessage } from '../../src/lib/error-message';

describe('lib/errorMessage', () => {
  it('when an Error is thrown, then its message', () => {
    expect(errorMessage(new RangeError('port 99999 is out of range'))).to.equal('port 99999 is out of range');
  });

  it('when something else is thrown, then it as a string', () => {
    expect(errorMessage('no such file')).to.equal('no such file');
    expect(errorMessage(42)).to.equal('42');
    expect(errorMessage(undefined)).to.equal('undefined');
  });
});
