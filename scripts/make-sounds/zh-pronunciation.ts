/**
 * espeak-ng 1.51 ships without the extended Mandarin dictionary, so it picks the wrong reading of some
 * polyphonic words (银行 as yin2 xing2, 重新 as zhong4 xin1). The voice cmn-latn-pinyin reads Latin
 * text as pinyin, so each word below is replaced by its pinyin before synthesis. Add a word here when
 * `espeak-ng -v cmn-latn-pinyin -X -q '<text>'` shows a wrong reading for a new prompt.
 */
export const ZH_PRONUNCIATION: Readonly<Record<string, string>> = {
  欢迎: 'huan1 ying2',
  银行: 'yin2 hang2',
  重新: 'chong2 xin1',
  重复: 'chong2 fu4',
  金额为: 'jin1 e2 wei2',
  处理: 'chu3 li3',
  服务: 'fu2 wu4',
  业务: 'ye4 wu4',
  兴业: 'xing1 ye4',
  校验: 'jiao4 yan4',
  // The ID-card check character is said as the English letter, written 艾克斯 in Chinese.
  X: 'ai4 ke4 si1',
};

/** The text as espeak should read it: Chinese characters with the words above spelled in pinyin. */
export function fixZhPronunciation(text: string): string {
  // Longest words first, so 金额为 wins over any shorter entry inside it.
  const words = Object.keys(ZH_PRONUNCIATION).sort((a, b) => b.length - a.length || a.localeCompare(b));
  let spoken = text;
  for (const word of words) {
    spoken = spoken.split(word).join(` ${ZH_PRONUNCIATION[word]} `);
  }
  return spoken.replace(/ {2,}/g, ' ').trim();
}
