/**
 * Text normalisation before tokenising: residents write in every possible way,
 * so the model and the rules must see one canonical form.
 */

const HTML_TAG = /<[^>]{0,500}>/g;
const HTML_ENTITY = /&(nbsp|amp|lt|gt|quot|laquo|raquo|mdash|ndash|#\d{1,6});/g;
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:ru|com|рф|net|org|su|me|io)(?:\/\S*)?/giu;
// Pictographs, dingbats, variation selectors, joiners and skin-tone modifiers.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]|\u200d|\ufe0f|\u20e3/gu;
const CYR = /[а-яё]/i;
const MAYBE_URL = /https?:|www\.|\.(?:ru|com|рф|net|org|su|me|io)\b/i;
const MAYBE_EMOJI = /[\u2190-\u2bff]|[\ud800-\udfff]|\u200d|\ufe0f|\u20e3/;
const LAT = /[a-z]/i;
const WORD = /[\p{L}\p{N}]+/gu;

/** Latin letters that look like Cyrillic ones (after lower-casing). */
const LOOKALIKE: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  u: 'и',
  n: 'п',
  r: 'г',
};

export interface NormalisedText {
  /** Lower-case, ё→е, no HTML/URLs/emoji, look-alikes fixed, runs of 3+ letters squeezed. */
  text: string;
  urls: number;
  emoji: number;
}

function fixLookalikes(word: string): string {
  if (!CYR.test(word) || !LAT.test(word)) return word;
  let out = '';
  for (const ch of word) out += LOOKALIKE[ch] ?? ch;
  return out;
}

/** Runs of spaces, tabs, line breaks or exotic spaces: most texts have none. */
const ODD_SPACE = /\s\s|[^\S ]/;

/** A plain loop instead of the back-reference regex: most texts have no «ррр». */
function hasTripleRun(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2) && c !== 32) return true;
  }
  return false;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

export function normalise(raw: string): NormalisedText {
  // Each step first checks cheaply whether it has anything to do: this is the hot path.
  let text = /[<&]/.test(raw) ? raw.replace(HTML_TAG, ' ').replace(HTML_ENTITY, ' ') : raw;
  const urls = MAYBE_URL.test(text) ? count(URL, text) : 0;
  if (urls > 0) text = text.replace(URL, ' ');
  const emoji = MAYBE_EMOJI.test(text) ? count(EMOJI, text) : 0;
  if (emoji > 0) text = text.replace(EMOJI, ' ');
  text = text.toLowerCase();
  if (text.includes('ё')) text = text.replace(/ё/g, 'е');
  if (LAT.test(text) && CYR.test(text)) text = text.replace(WORD, fixLookalikes);
  // «мусоррр», «свееета»: emphasis, not spelling; Russian has at most doubled letters.
  if (hasTripleRun(text)) text = text.replace(/([а-яa-z])\1{2,}/g, '$1');
  if (ODD_SPACE.test(text)) text = text.replace(/\s+/g, ' ');
  return { text: text.trim(), urls, emoji };
}
