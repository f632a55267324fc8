/** Test oracle: reads a Mandarin amount such as 一万二千三百四十五元六角七分 back into fen. */
const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const PLACES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function parseInteger(text: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in PLACES) {
      section += (digit || 1) * PLACES[ch];
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10_000;
      section = digit = 0;
    } else if (ch === '亿') {
      total = (total + section + digit) * 100_000_000;
      section = digit = 0;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  return total + section + digit;
}

export function parseChineseAmount(text: string): number {
  const match = /^(?:(.+)元)?(?:零?(.)角)?(?:零?(.)分)?$/u.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const [, yuan, jiao, fen] = match;
  return (yuan ? parseInteger(yuan) : 0) * 100 + (jiao ? DIGITS[jiao] : 0) * 10 + (fen ? DIGITS[fen] : 0);
}
