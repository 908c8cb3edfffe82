/** Latin transliteration of Russian («net sveta», «musor ne vyvozyat») back to Cyrillic. */

const MULTI: Array<[string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['yo', 'е'],
  ['jo', 'е'],
  ['ye', 'е'],
];
const SINGLE: Record<string, string> = {
  a: 'а',
  b: 'б',
  c: 'к',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'й',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'кс',
  y: 'ы',
  z: 'з',
  "'": 'ь',
};

function translitWord(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const pair = MULTI.find(([lat]) => word.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
      continue;
    }
    const ch = word[i] ?? '';
    out += SINGLE[ch] ?? ch;
    i += 1;
  }
  // Word-final «y» after a vowel is «й» («tramvay»), «iy»/«yy» endings are «ий»/«ый».
  return out.replace(/([аеиоуыэюя])ы$/u, '$1й');
}

/**
 * Only whole-Latin texts are transliterated: a Latin word inside a Cyrillic message
 * is usually a brand or a name («Wildberries», «WhatsApp») and must stay as it is.
 */
export function transliterate(text: string): string {
  if (!/[a-z]/.test(text)) return text; // the usual case: no Latin at all, no word counting
  const latin = text.match(/[a-z]+/g)?.length ?? 0;
  const cyrillic = text.match(/[а-я]+/g)?.length ?? 0;
  if (latin < 2 || cyrillic > latin / 4) return text;
  return text.replace(/[a-z']+/g, translitWord);
}
