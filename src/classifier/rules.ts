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

export interface RuleSet {
  patterns: Map<string, Pattern[]>;
  negatives: Map<string, Pattern[]>;
  priority: Map<string, number>;
}

/** «ямма» → «яма»: a plain loop, since this runs on every word of every text. */
export function squeeze(w: string): string {
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

function addTo(map: Map<string, Pattern[]>, p: Pattern | undefined): void {
  if (!p) return;
  const key = p.parts[0]!.slice(0, 2);
  map.set(key, [...(map.get(key) ?? []), p]);
}

export function compileRules(sectors: SectorDef[]): RuleSet {
  const patterns = new Map<string, Pattern[]>();
  const negatives = new Map<string, Pattern[]>();
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
  return p.parts.every((part, j) => {
    const w = words[i + j];
    return w !== undefined && partMatches(w, part);
  });
}

/** All patterns matching at each position; single-word keywords compete by length. */
export function findMatches(map: Map<string, Pattern[]>, words: string[]): Pattern[] {
  const found: Pattern[] = [];
  for (let i = 0; i < words.length; i++) {
    const cands = map.get(words[i]!.slice(0, 2));
    if (!cands) continue;
    const hits = cands.filter((p) => matchAt(words, i, p));
    const longest = Math.max(0, ...hits.filter((p) => p.parts.length === 1).map((p) => p.parts[0]!.length));
    for (const p of hits) if (p.parts.length > 1 || p.parts[0]!.length === longest) found.push(p);
  }
  return found;
}

/** Content words of a normalised text, squeezed, as the rules see them. */
export function ruleWords(words: string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w)).map(squeeze);
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
