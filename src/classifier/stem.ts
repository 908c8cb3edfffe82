/**
 * Russian stemming with natural's Porter stemmer. Deep imports keep natural's heavy
 * optional stores (databases, WordNet) out of the process; a cache keeps stemming off
 * the hot path, since the same few thousand words repeat in appeals.
 */
import { createRequire } from 'node:module';

process.env.DOTENV_CONFIG_QUIET = 'true';
const require = createRequire(import.meta.url);
const porterRu = require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as {
  stem(word: string): string;
};
const stopwordsRu = (require('natural/lib/natural/util/stopwords_ru.js') as { words: string[] }).words;

/** Negations and small words that carry meaning here («нет света», «без воды»). */
const KEEP = new Set(['нет', 'не', 'без', 'ни', 'во', 'под', 'над']);
export const STOPWORDS: ReadonlySet<string> = new Set(stopwordsRu.filter((w) => !KEEP.has(w)));

/** What stemOrStop returns for a stopword: no stem can be a NUL character. */
export const STOP = '\u0000';

const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined && hit !== STOP) return hit;
  const out = /[а-я]/.test(word) && word.length > 3 ? porterRu.stem(word) : word;
  if (hit === undefined) remember(word, out); // STOP marks a stopword for stemOrStop: keep it
  return out;
}

/** Bounded: a flood of unique junk words must not grow the process without limit. */
function remember(word: string, value: string): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, value);
}

/**
 * Stem of a content word, or STOP for a stopword: one map look-up per word on the hot path
 * instead of a stopword check plus a stem-cache check (each costs a hash of a fresh string).
 */
export function stemOrStop(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  if (STOPWORDS.has(word)) {
    remember(word, STOP);
    return STOP;
  }
  return stem(word);
}
