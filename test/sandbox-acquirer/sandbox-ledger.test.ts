import { expect } from 'chai';
import { createSandboxLedger, settleDateOf } from '../../sandbox-acquirer/sandbox-ledger';

describe('sandbox-acquirer/sandbox-ledger', () => {
  it('when a transaction is received before 23:00 Beijing, then it settles that day; from 23:00, the next day', () => {
    expect(settleDateOf('20260302225959')).to.equal('20260302');
    expect(settleDateOf('20260302230000')).to.equal('20260303');
    expect(settleDateOf('20261231233000')).to.equal('20270101');
  });

  it('when a consume is recorded at 23:30 Beijing, then its entry carries the next day as its settlement date', () => {
    const ledger = createSandboxLedger();
    const entry = ledger.record(
      {
        merId: '777290058110097',
        orderId: 'att1234567890',
        txnTime: '20260302233000',
        txnType: '01',
        amountFen: 100,
        respCode: '00',
      },
      new Date('2026-03-02T15:30:00Z'),
    );
    expect(entry.settleDate).to.equal('20260303');
    expect(entry.traceTime).to.equal('0302233000');
  });
});
