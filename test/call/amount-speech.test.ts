import { expect } from 'chai';
import fc from 'fast-check';
import { PROMPT_IDS } from '../../src/call/prompt-manifest';
import { MAX_SPOKEN_FEN, amountPrompts, amountText } from '../../src/call/amount-speech';
import { parseChineseAmount } from './chinese-amount-parser';
import { parseEnglishAmount } from './english-amount-parser';

const anyAmount = fc.integer({ min: 1, max: MAX_SPOKEN_FEN });
/** Digits mostly zero: the 零 rules only show when zeros sit between and after other digits. */
const sparseAmount = fc
  .array(fc.constantFrom(0, 0, 0, 0, 1, 2, 5, 9), { minLength: 1, maxLength: 11 })
  .map((digits) => Number(digits.join('')))
  .filter((n) => n > 0);
const amounts = fc.oneof(anyAmount, sparseAmount);

describe('amountText zh', () => {
  const cases: Array<[number, string]> = [
    [1, '一分'],
    [10, '一角'],
    [1005, '十元零五分'],
    [100500, '一千零五元'],
    [1234567, '一万二千三百四十五元六角七分'],
    [10000000000, '一亿元'],
    [1000, '十元'],
    [11000, '一百一十元'],
    [10001000, '十万零一十元'],
    [150, '一元五角'],
    [105, '一元零五分'],
    [0, '零元'],
    [12345, '一百二十三元四角五分'],
    [100005, '一千元零五分'],
    [10100000, '十万一千元'],
    [10000500000, '一亿零五千元'],
    [12000500000, '一亿二千万五千元'],
    [10010000000, '一亿零一十万元'],
    [MAX_SPOKEN_FEN, '九亿九千九百九十九万九千九百九十九元九角九分'],
  ];
  for (const [fen, text] of cases) {
    it(`when the amount is ${(fen / 100).toFixed(2)} yuan, then it reads ${text}`, () => {
      expect(amountText(fen, 'zh')).to.equal(text);
    });
  }

  it('when any amount is read, then 零 never doubles, never precedes a unit and 一十 never leads', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        const text = amountText(fen, 'zh');
        expect(text).not.to.include('零零');
        expect(text).not.to.match(/零[十百千万亿元角分]|零$/u);
        expect(text.startsWith('一十')).to.equal(false);
      }),
    );
  });

  it('when any amount is read and parsed back, then the same amount comes out', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(parseChineseAmount(amountText(fen, 'zh'))).to.equal(fen);
      }),
    );
  });
});

describe('amountText en', () => {
  const cases: Array<[number, string]> = [
    [1234567, 'twelve thousand three hundred forty five yuan and sixty seven fen'],
    [1, 'one fen'],
    [10000, 'one hundred yuan'],
    [150, 'one yuan and fifty fen'],
    [0, 'zero yuan'],
    [10000000000, 'one hundred million yuan'],
    [200000001, 'two million yuan and one fen'],
  ];
  for (const [fen, text] of cases) {
    it(`when the amount is ${(fen / 100).toFixed(2)} yuan, then it reads "${text}"`, () => {
      expect(amountText(fen, 'en')).to.equal(text);
    });
  }

  it('when any amount is read in English and parsed back, then the same amount comes out', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(parseEnglishAmount(amountText(fen, 'en'))).to.equal(fen);
      }),
    );
  });

  it('when an English amount is read, then no Mandarin-only unit (万, 亿, 角) is used', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(amountPrompts(fen, 'en')).not.to.include.members(['unit-wan', 'unit-yi', 'unit-jiao']);
      }),
    );
  });
});

describe('amountPrompts', () => {
  it('when 10.05 is read in Mandarin, then the prompts are 十 元 零 五 分', () => {
    expect(amountPrompts(1005, 'zh')).to.deep.equal(['unit-shi', 'unit-yuan', 'num-0', 'num-5', 'unit-fen']);
  });

  it('when any amount is read in either language, then every prompt is in the manifest', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom('zh' as const, 'en' as const), (fen, lang) => {
        for (const id of amountPrompts(fen, lang)) expect(PROMPT_IDS).to.include(id);
      }),
    );
  });

  for (const bad of [-1, MAX_SPOKEN_FEN + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`when the amount is ${bad}, then it throws a RangeError`, () => {
      expect(() => amountPrompts(bad, 'zh')).to.throw(RangeError);
      expect(() => amountPrompts(bad, 'en')).to.throw(RangeError);
    });
  }
});
