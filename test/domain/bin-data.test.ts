import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { BIN_DATA_FILE, buildBinData, formatBinData, readSource } from '../../scripts/import-bins';

const sample = `
  var bankcardList = [{
    bankName: "平安银行",
    bankCode: "SPABANK",
    patterns: [{
      reg: /^(621626|623058)\\d{13}$/g,
      cardType: "DC"
    }, {
      reg: /^(622155|531659|62215)\\d{10}$/g,
      cardType: "SCC"
    }, {
      reg: /^(620010)\\d{10}$/g,
      cardType: "PC"
    }, {
      reg: /^(955990)\\d{10}$/g,
      cardType: "DC"
    }]
  }, {
    bankName: "某银行",
    bankCode: "OTHER",
    patterns: [{
      reg: /^(623058|603367)\\d{13}$/g,
      cardType: "CC"
    }]
  }]`;

describe('scripts/import-bins', () => {
  const { data, dropped } = buildBinData(sample, 'sample');
  const prefixes = data.entries.map((e) => `${e.prefix}/${e.length}/${e.kind}`);

  it('when the source has debit and quasi-credit patterns of a named bank, then they become debit and credit', () => {
    expect(prefixes).to.include.members(['621626/19/debit', '622155/16/credit']);
    expect(data.entries.every((e) => e.bankCode === 'pab')).to.equal(true);
  });

  it('when a pattern is prepaid, not UnionPay (531659) or outside 16–19 digits (62215), then it is skipped', () => {
    expect(prefixes.some((p) => /^(620010|531659|62215\/)/.test(p))).to.equal(false);
  });

  it('when two banks claim one prefix and length, then it is dropped and reported', () => {
    expect(prefixes.some((p) => p.startsWith('623058'))).to.equal(false);
    expect(dropped).to.deep.equal(['623058/19 SPABANK,OTHER']);
  });

  it('when 60… and 9… prefixes appear for any bank, then they are the legacy prefixes', () => {
    expect(data.legacyPrefixes).to.deep.equal(['603367', '955990']);
  });

  it('when a pattern has an unexpected shape, then the import fails loudly', () => {
    expect(() => buildBinData('bankCode: "X",\nreg: /^62\\d+$/g,\ncardType: "DC"', 's')).to.throw(/unexpected pattern/);
  });

  it('when re-run on the installed bankcardinfo, then it gives the committed bin-data.json', () => {
    const { text, source } = readSource();
    expect(formatBinData(buildBinData(text, source).data)).to.equal(readFileSync(BIN_DATA_FILE, 'utf8'));
  });
});
