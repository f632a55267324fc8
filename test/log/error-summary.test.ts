import { expect } from 'chai';
import { AriTimeoutError } from '../../src/ari/with-timeout';
import { errorSummary } from '../../src/log/error-summary';

const PAN = '6216261000000000018';

describe('log/errorSummary', () => {
  it('when the error has a class of its own, then its name is the summary, never its message', () => {
    expect(errorSummary(new TypeError(`bad card ${PAN}`))).to.deep.equal({ name: 'TypeError' });
    expect(errorSummary(new TypeError(`bad card ${PAN}`), { withMessage: true })).to.deep.equal({ name: 'TypeError' });
  });

  it('when the error has a code, then name and code, and no message even when asked for', () => {
    expect(errorSummary(new AriTimeoutError('answer', 5000), { withMessage: true })).to.deep.equal({
      name: 'AriTimeoutError',
      code: 'ari_timeout',
    });
    const refused = Object.assign(new Error(`connect ECONNREFUSED ${PAN}`), { code: 'ECONNREFUSED' });
    expect(errorSummary(refused, { withMessage: true })).to.deep.equal({ name: 'Error', code: 'ECONNREFUSED' });
  });

  it('when a plain Error is summarised, then its message only when asked for, cut at 120 characters', () => {
    const ari = new Error(`{"message":"Channel not found"}${'x'.repeat(200)}`);
    expect(errorSummary(ari)).to.deep.equal({ name: 'Error' });
    const { message } = errorSummary(ari, { withMessage: true });
    expect(message).to.have.length(120);
    expect(message).to.match(/^\{"message":"Channel not found"\}x+$/);
  });

  it('when something other than an Error is thrown, then only its type, whatever it holds', () => {
    expect(errorSummary(PAN, { withMessage: true })).to.deep.equal({ name: 'string' });
    expect(errorSummary({ pan: PAN }, { withMessage: true })).to.deep.equal({ name: 'object' });
    expect(errorSummary(undefined)).to.deep.equal({ name: 'undefined' });
  });

  it('when a code is not a string or number, then it is left out', () => {
    expect(errorSummary({ code: { pan: PAN } })).to.deep.equal({ name: 'object' });
    expect(errorSummary({ code: 503 })).to.deep.equal({ name: 'object', code: '503' });
  });
});
