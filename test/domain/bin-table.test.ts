import { expect } from 'chai';
import { isPromptId } from '../../src/call/prompt-manifest';
import { BANKS, BIN_ENTRIES, banksByCode, lookupBin, type BinEntry } from '../../src/domain/bin-table';
import { isUnionPayRange } from '../../src/domain/unionpay-range';

describe('lookupBin', () => {
  it('when the sandbox debit card is looked up, then it is Ping An debit', () => {
    expect(lookupBin('6216261000000000018')).to.deep.equal({ bankCode: 'pab', kind: 'debit' });
  });

  it('when the sandbox credit card is looked up, then it is Ping An credit', () => {
    expect(lookupBin('6221558812340000')).to.deep.equal({ bankCode: 'pab', kind: 'credit' });
  });

  it('when the sandbox ambiguous card is looked up, then it is CMB with an ambiguous kind', () => {
    expect(lookupBin('6214839900000001')).to.deep.equal({ bankCode: 'cmb', kind: 'ambiguous' });
  });

  it('when a number matches no BIN, then the answer is undefined', () => {
    expect(lookupBin('6299999999999999')).to.equal(undefined);
  });

  describe('with a small table', () => {
    const entries: BinEntry[] = [
      { prefix: '6200', bankCode: 'boc', kind: 'debit' },
      { prefix: '620011', bankCode: 'boc', kind: 'credit' },
      { prefix: '6300', bankCode: 'boc', kind: 'debit', length: 19 },
      { prefix: '6300', bankCode: 'cib', kind: 'credit', length: 16 },
      { prefix: '6400', bankCode: 'ccb', kind: 'debit', length: 19 },
      { prefix: '6400', bankCode: 'ccb', kind: 'credit', length: 19 },
      { prefix: '6500', bankCode: 'ccb', kind: 'debit', length: 19 },
      { prefix: '6500', bankCode: 'ceb', kind: 'debit', length: 19 },
    ];

    it('when a longer prefix matches, then it wins over a shorter one', () => {
      expect(lookupBin('6200110000000000', entries)).to.deep.equal({ bankCode: 'boc', kind: 'credit' });
      expect(lookupBin('6200120000000000', entries)).to.deep.equal({ bankCode: 'boc', kind: 'debit' });
    });

    it('when one prefix has entries for several lengths, then the PAN length picks one', () => {
      expect(lookupBin('6300000000000000', entries)).to.deep.equal({ bankCode: 'cib', kind: 'credit' });
      expect(lookupBin('6300000000000000000', entries)).to.deep.equal({ bankCode: 'boc', kind: 'debit' });
    });

    it('when no entry has the PAN length and they name two banks, then the issuer is unknown', () => {
      expect(lookupBin('63000000000000000', entries)).to.equal(undefined);
    });

    it('when no entry has the PAN length but one bank and kind matches, then that is the answer', () => {
      expect(lookupBin('6400000000000000', entries)).to.deep.equal({ bankCode: 'ccb', kind: 'ambiguous' });
    });

    it('when the longest prefix gives both kinds, then the kind is ambiguous', () => {
      expect(lookupBin('6400000000000000000', entries)).to.deep.equal({ bankCode: 'ccb', kind: 'ambiguous' });
    });

    it('when the longest prefix names two banks, then the issuer is unknown', () => {
      expect(lookupBin('6500000000000000000', entries)).to.equal(undefined);
    });
  });
});

describe('the bundled BIN table', () => {
  it('when every entry is checked, then its bank is in BANKS, its prefix a UnionPay range and its length 16–19', () => {
    const codes = banksByCode();
    for (const entry of BIN_ENTRIES) {
      expect(codes.has(entry.bankCode), entry.bankCode).to.equal(true);
      expect(isUnionPayRange(entry.prefix.padEnd(16, '0')), entry.prefix).to.equal(true);
      if (entry.length !== undefined) expect(entry.length).to.be.within(16, 19);
    }
  });

  it("when a PAN is built from each entry, then it resolves to that entry's bank", () => {
    for (const entry of BIN_ENTRIES) {
      const pan = entry.prefix.padEnd(entry.length ?? 16, '0');
      expect(lookupBin(pan)?.bankCode, pan.slice(0, 8)).to.equal(entry.bankCode);
    }
  });

  it("when the brochure's banks are listed, then each has BINs of both kinds", () => {
    for (const code of ['boc', 'cmb', 'icbc', 'ccb', 'cib', 'ceb', 'pab']) {
      const kinds = new Set(BIN_ENTRIES.filter((e) => e.bankCode === code).map((e) => e.kind));
      expect([...kinds], code).to.have.members(['credit', 'debit']);
    }
    expect(BIN_ENTRIES.some((e) => e.bankCode === 'cgb')).to.equal(true);
  });
});

describe('BANKS', () => {
  it('when China Guangfa Bank is looked up, then it is coming soon and every other bank is supported', () => {
    for (const bank of BANKS) {
      expect(bank.defaultStatus, bank.code).to.equal(bank.code === 'cgb' ? 'coming_soon' : 'supported');
    }
  });

  it('when every bank is checked, then it has a bank-<code> prompt and a unique code', () => {
    for (const bank of BANKS) expect(isPromptId(`bank-${bank.code}`), bank.code).to.equal(true);
    expect(banksByCode().size).to.equal(BANKS.length);
  });

  it("when the brochure's banks are looked for, then all are there", () => {
    expect(BANKS.map((b) => b.code)).to.include.members(['boc', 'cmb', 'icbc', 'ccb', 'cib', 'ceb', 'cgb', 'pab']);
  });
});
