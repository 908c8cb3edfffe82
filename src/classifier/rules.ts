/**
 * Keyword and phrase rules compiled from whatever sector catalogue is loaded.
 * A pattern is a sequence of word prefixes; doubled letters are squeezed on both sides
 * so that «ямма» still meets «ям». The longest matching keyword wins a word, so
 * «парковка» is a roads word and not improvement's «парк».
 */
import type { SectorDef } from '../core/sectors.ts';
import { STOPWORDS, stem } from './stem.ts';

interface Pattern {
  sector: string;
  parts: string[];
  label: string;
  kind: 'keyword' | 'phrase';
}

export interface RuleHit {
  sector: string;
  label: string;
  kind: 'keyword' | 'phrase';
}

/** Patterns by a numeric key of their first part: no slicing per word, short candidate lists. */
type PatternMap = Map<number, Pattern[]>;

/**
 * A part of 3+ characters can only match words of 3+ characters that share its first three;
 * a part of 1–2 characters only the very same word (partMatches). So both are keyed by at
 * most three characters, 10 bits each (Cyrillic, Latin and digits may share a key: the
 * match itself is still checked).
 */
function keyOf(w: string): number {
  const a = w.charCodeAt(0) & 0x3ff;
  const b = w.length > 1 ? w.charCodeAt(1) & 0x3ff : 0;
  if (w.length < 3) return (1 << 30) | (a << 10) | b;
  return (a << 20) | (b << 10) | (w.charCodeAt(2) & 0x3ff);
}

export interface RuleSet {
  patterns: PatternMap;
  negatives: PatternMap;
  priority: Map<string, number>;
}

/** «ямма» → «яма»: a plain loop, since this runs on every word of every text. */
export function squeeze(w: string): string {
  let doubled = false;
  for (let i = 1; i < w.length && !doubled; i++) doubled = w.charCodeAt(i) === w.charCodeAt(i - 1);
  if (!doubled) return w; // the usual case: no new string
  let out = '';
  for (let i = 0; i < w.length; i++) if (w[i] !== w[i - 1]) out += w[i];
  return out;
}

function canon(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function compile(sector: string, text: string, kind: Pattern['kind']): Pattern | undefined {
  let words = canon(text);
  if (kind === 'phrase') words = words.filter((w) => !STOPWORDS.has(w)).map(stem);
  const parts = words.map(squeeze).filter(Boolean);
  return parts.length ? { sector, parts, label: `${sector}: ${kind} «${text}»`, kind } : undefined;
}

function addTo(map: PatternMap, p: Pattern | undefined): void {
  if (!p) return;
  const key = keyOf(p.parts[0]!);
  map.set(key, [...(map.get(key) ?? []), p]);
}

export function compileRules(sectors: SectorDef[]): RuleSet {
  const patterns: PatternMap = new Map();
  const negatives: PatternMap = new Map();
  for (const s of sectors) {
    for (const k of s.keywords ?? []) addTo(patterns, compile(s.code, k, 'keyword'));
    for (const ph of s.phrases ?? []) addTo(patterns, compile(s.code, ph, 'phrase'));
    for (const n of s.negativeKeywords ?? []) addTo(negatives, compile(s.code, n, 'keyword'));
  }
  return { patterns, negatives, priority: new Map(sectors.map((s) => [s.code, s.priority ?? 0])) };
}

/** Short prefixes («ук», «бак») must be (almost) the whole word, or they hit everything. */
function partMatches(word: string, part: string): boolean {
  if (!word.startsWith(part)) return false;
  if (part.length <= 2) return word.length === part.length;
  return part.length > 3 || word.length <= part.length + 2;
}

function matchAt(words: string[], i: number, p: Pattern): boolean {
  for (let j = 0; j < p.parts.length; j++) {
    const w = words[i + j];
    if (w === undefined || !partMatches(w, p.parts[j]!)) return false;
  }
  return true;
}

/** Longest single-word keyword matching at position i (0 if none): it alone claims the word. */
function longestKeyword(cands: Pattern[], words: string[], i: number): number {
  let longest = 0;
  for (const p of cands) {
    const len = p.parts[0]!.length;
    if (p.parts.length === 1 && len > longest && matchAt(words, i, p)) longest = len;
  }
  return longest;
}

/** All patterns matching at each position; single-word keywords compete by length. */
export function findMatches(map: PatternMap, words: string[]): Pattern[] {
  const found: Pattern[] = [];
  for (let i = 0; i < words.length; i++) {
    const cands = map.get(keyOf(words[i]!));
    if (!cands) continue;
    const longest = longestKeyword(cands, words, i);
    for (const p of cands) {
      const wins = p.parts.length > 1 || p.parts[0]!.length === longest;
      if (wins && matchAt(words, i, p)) found.push(p);
    }
  }
  return found;
}

/** Content words (tokens.content: stopwords already gone), squeezed, as the rules see them. */
export function squeezeAll(content: string[]): string[] {
  const out = new Array<string>(content.length);
  for (let i = 0; i < content.length; i++) out[i] = squeeze(content[i] ?? '');
  return out;
}

export function applyRules(rules: RuleSet, words: string[]): { hits: RuleHit[]; vetoes: string[] } {
  const vetoed = new Map<string, string>();
  for (const n of findMatches(rules.negatives, words)) vetoed.set(n.sector, n.parts.join(' '));
  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const p of findMatches(rules.patterns, words)) {
    if (vetoed.has(p.sector) || seen.has(p.label)) continue;
    seen.add(p.label);
    hits.push({ sector: p.sector, label: p.label, kind: p.kind });
  }
  const vetoes = [...vetoed].map(([sector, word]) => `${sector}: vetoed by «${word}»`);
  return { hits, vetoes };
}
