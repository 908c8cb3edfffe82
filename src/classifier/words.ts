/**
 * Word scanning for the hot path. Residents reuse the same few thousand words, so each
 * word is hashed straight from the text's characters and looked up in a bounded table of
 * words already seen, which hands back the word string, its stem and whether it is a
 * stopword: no regex match, no substring and no Map look-up per known word. A new word
 * is cut out and stemmed once. Two 32-bit hashes plus the length must all agree, so a
 * false match is practically impossible.
 */
import { STOP, STOPWORDS, stemOrStop } from './stem.ts';

export interface WordInfo {
  word: string;
  /** STOP for a stopword. */
  stem: string;
  /** Digits only: kept for the rules, not a model feature. */
  number: boolean;
}

const BITS = 17;
const SIZE = 1 << BITS;
/** Bounded: a flood of unique junk words must not grow the process; load stays under 0.4. */
const LIMIT = 50_000;
const keys = new Int32Array(SIZE * 3);
const slots = new Int32Array(SIZE);
let seen: WordInfo[] = [];

/** A word character after normalisation: [а-яa-z0-9] (ё is already е, all lower case). */
export function isWordChar(c: number): boolean {
  return (c >= 0x430 && c <= 0x44f) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isNumber(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function add(at: number, h1: number, h2: number, word: string): WordInfo {
  // House numbers, phone digits, dates: endless and never stemmed, so not worth a table slot.
  if (isNumber(word)) return { word, stem: STOPWORDS.has(word) ? STOP : word, number: true };
  if (seen.length >= LIMIT) {
    slots.fill(0);
    seen = [];
    return add(home(h1), h1, h2, word);
  }
  const info: WordInfo = { word, stem: stemOrStop(word), number: false };
  seen.push(info);
  keys[at * 3] = h1;
  keys[at * 3 + 1] = h2;
  keys[at * 3 + 2] = word.length;
  slots[at] = seen.length;
  return info;
}

const home = (h1: number): number => (Math.imul(h1, 0x9e3779b1) >>> (32 - BITS)) & (SIZE - 1);

/** The word text[start, end) with hashes h1/h2: from the table, or added to it. */
export function wordAt(text: string, start: number, end: number, h1: number, h2: number): WordInfo {
  const len = end - start;
  let at = home(h1);
  for (;;) {
    const slot = slots[at]!;
    if (slot === 0) return add(at, h1, h2, text.slice(start, end));
    if (keys[at * 3] === h1 && keys[at * 3 + 1] === h2 && keys[at * 3 + 2] === len) return seen[slot - 1]!;
    at = (at + 1) & (SIZE - 1);
  }
}

/** Stopword test for words that were scanned: STOP marks them in the table. */
export const isStop = (info: WordInfo): boolean => info.stem === STOP;
