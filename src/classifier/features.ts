/** Sparse features of a normalised text: word stems, stem bigrams and character n-grams. */
import { stemOrStop } from './stem.ts';

export type FeatureCounts = Map<string, number>;

export interface Tokens {
  /** Words as written (normalised), stopwords included. */
  words: string[];
  /** Stems of content words, in order. */
  stems: string[];
  /** Content words (not stopwords, numbers kept) as written: what the rules look at. */
  content: string[];
}

const WORD = /[а-яa-z0-9]+/g;
const MAX_WORDS = 400;

function isNumber(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function tokenise(text: string): Tokens {
  let words: string[] = text.match(WORD) ?? [];
  if (words.length > MAX_WORDS) words = words.slice(0, MAX_WORDS);
  const stems: string[] = [];
  const content: string[] = [];
  for (const w of words) {
    const s = stemOrStop(w);
    if (s === '') continue;
    content.push(w);
    if (!isNumber(w)) stems.push(s);
  }
  return { words, stems, content };
}

function add(map: FeatureCounts, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Char 4-grams of each stem survive typos («ямма», «мусар») and unseen endings.
 * 4-grams alone measured better than 3..5-grams on 5-fold CV, and cost a third.
 */
function addCharGrams(map: FeatureCounts, s: string): void {
  const padded = `<${s}>`;
  for (let i = 0; i + 4 <= padded.length; i++) add(map, `c:${padded.slice(i, i + 4)}`);
}

export function extractFeatures(tokens: Tokens): FeatureCounts {
  const map: FeatureCounts = new Map();
  const { stems } = tokens;
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i] ?? '';
    add(map, `w:${s}`);
    if (s.length > 2) addCharGrams(map, s);
    const next = stems[i + 1];
    if (next !== undefined) add(map, `b:${s}_${next}`);
  }
  return map;
}
