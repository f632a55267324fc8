import { expect } from 'chai';
import { covers, settlementWindow, shiftDay } from '../../src/reconciliation/settlement-window';

describe('reconciliation/settlement-window', () => {
  it('when the acquirer closes at 23:00, then a date covers from 23:00 the day before to 23:00 of the date', () => {
    expect(settlementWindow('20260301', '230000')).to.deep.equal({ from: '20260228230000', to: '20260301230000' });
    expect(settlementWindow('20270101', '240000')).to.deep.equal({ from: '20261231240000', to: '20270101240000' });
  });

  it('when a transaction is at the window’s edges, then the opening instant is in and the closing one is not', () => {
    const w = settlementWindow('20260302', '230000');
    expect(covers(w, '20260301225959')).to.equal(false);
    expect(covers(w, '20260301230000')).to.equal(true);
    expect(covers(w, '20260302225959')).to.equal(true);
    expect(covers(w, '20260302230000')).to.equal(false);
  });

  it('when days are shifted, then months and leap years are crossed', () => {
    expect(shiftDay('20240228', 1)).to.equal('20240229');
    expect(shiftDay('20260301', -1)).to.equal('20260228');
  });
});
