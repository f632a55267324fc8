/** Test oracle: reads "twelve thousand … yuan and sixty seven fen" back into fen. */
const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function parseWords(words: string[]): number {
  let total = 0;
  let group = 0;
  for (const w of words) {
    if (SMALL.includes(w)) group += SMALL.indexOf(w);
    else if (TENS.includes(w)) group += TENS.indexOf(w) * 10;
    else if (w === 'hundred') group *= 100;
    else if (w === 'thousand') {
      total += group * 1000;
      group = 0;
    } else if (w === 'million') {
      total += group * 1_000_000;
      group = 0;
    } else throw new Error(`unexpected word ${w}`);
  }
  return total + group;
}

export function parseEnglishAmount(text: string): number {
  const match = /^(?:(.+) yuan)?(?:(?: and )?(.+) fen)?$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const [, yuan, fen] = match;
  return (yuan ? parseWords(yuan.split(' ')) * 100 : 0) + (fen ? parseWords(fen.split(' ')) : 0);
}
